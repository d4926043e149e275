import Rationals

/// Check 4, the balance certificate of a claimed equilibrium d (the balanced weights D^-1 J D).
///
/// Computes exactly the costs c_ij(d), the imbalance g(d) and the cost C(d). The claim "balanced" is
/// verified iff g == 0 exactly; with a relative tolerance tol the claim "|g| / C <= tol" (Euclidean
/// norm) is verified iff |g|^2 <= tol^2 C^2 exactly. max_i |g_i| / C is reported exactly.
///
/// The optimal cost C* = min over d > 0 of C(d) is bracketed rigorously:
///   lower bound  sum_i c_ii + sum over pairs i < j with c_ij, c_ji > 0 of 2 sqrt(c_ij c_ji)
///   (c_ii and c_ij c_ji do not change along the orbit, and c_ij + c_ji >= 2 sqrt(c_ij c_ji) by AM-GM;
///   each square root is replaced by a rational lower bound from an integer square root),
///   upper bound  C(d) (a point of the orbit); the check requires lower <= upper exactly.
/// With `circulationBound`, also the weak-duality bound of a circulation projected from c(d)
/// (`CirculationBound`, docs/math.md remark (iv)): positive on every cycle, not only on reciprocal pairs,
/// and closing on C(d) as g -> 0; its flow is re-checked exactly to be a nonnegative circulation.
/// When g == 0, d is a stationary point of the convex C(h), so C(d) = C*.
public struct BalanceCertificateCheck: Sendable, Equatable, Codable {
    public var cost: ExactCostModel
    /// The claimed equilibrium d > 0.
    public var scales: [Rational]
    /// nil: the claim is exact balance g == 0; otherwise the claim is |g|_2 <= tol * C.
    public var relativeTolerance: Rational?
    /// Fraction bits k of the square-root bounds (each bound is within 1 / (q 2^k) of the root).
    public var squareRootBits: Int
    /// Also bound C* from below by a projected circulation. Certificates written before this option
    /// existed do not carry it and are re-checked as they were issued.
    public var circulationBound: Bool

    public init(cost: ExactCostModel, scales: [Rational], relativeTolerance: Rational? = nil, squareRootBits: Int = 64,
                circulationBound: Bool = true) {
        self.cost = cost
        self.scales = scales
        self.relativeTolerance = relativeTolerance
        self.squareRootBits = squareRootBits
        self.circulationBound = circulationBound
    }

    private enum CodingKeys: String, CodingKey { case cost, scales, relativeTolerance, squareRootBits, circulationBound }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cost = try container.decode(ExactCostModel.self, forKey: .cost)
        scales = try container.decode([Rational].self, forKey: .scales)
        relativeTolerance = try container.decodeIfPresent(Rational.self, forKey: .relativeTolerance)
        squareRootBits = try container.decode(Int.self, forKey: .squareRootBits)
        circulationBound = try container.decodeIfPresent(Bool.self, forKey: .circulationBound) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cost, forKey: .cost)
        try container.encode(scales, forKey: .scales)
        try container.encodeIfPresent(relativeTolerance, forKey: .relativeTolerance)
        try container.encode(squareRootBits, forKey: .squareRootBits)
        if circulationBound { try container.encode(true, forKey: .circulationBound) }
    }

    public func run(on network: ExactNetwork) throws -> CheckReport {
        try run(onWeights: network.recurrentWeights)
    }

    /// - Throws: `shapeMismatch`, `nonPositiveScale`, `invalidParameter` (negative tolerance,
    ///   square-root bits outside 0...4096).
    public func run(onWeights weights: Matrix<Rational>) throws -> CheckReport {
        if let tol = relativeTolerance, tol.signum < 0 {
            throw VerificationError.invalidParameter("relative tolerance \(tol) is negative")
        }
        guard (0...4096).contains(squareRootBits) else {
            throw VerificationError.invalidParameter("squareRootBits = \(squareRootBits) must lie in 0...4096")
        }
        let n = weights.rows
        let c = try cost.costs(of: weights, scales: scales)
        let g = ExactCostModel.imbalance(ofCosts: c)
        let total = ExactCostModel.totalCost(ofCosts: c)
        let squaredNorm = g.reduce(Rational(0)) { $0 + $1 * $1 }
        let largest = g.map(\.magnitude).max() ?? Rational(0)
        let balanced = squaredNorm.isZero

        // The bracket of C*: invariant diagonal plus AM-GM on reciprocal pairs.
        var lower = Rational(0), lowerUpper = Rational(0)
        var pairs = 0
        for i in 0..<n {
            lower += c[i, i]
            lowerUpper += c[i, i]
            for j in (i + 1)..<Swift.max(n, i + 1) where !c[i, j].isZero && !c[j, i].isZero {
                let bounds = RationalSquareRoot.bounds(of: c[i, j] * c[j, i], fractionBits: squareRootBits)
                lower += 2 * bounds.lower
                lowerUpper += 2 * bounds.upper
                pairs += 1
            }
        }
        var values: [ReportValue] = [
            ReportValue(name: "imbalance g", rationals: g),
            ReportValue(name: "cost C", rational: total),
            ReportValue(name: "|g|^2", rational: squaredNorm),
            ReportValue(name: "balanced (g == 0)", text: balanced ? "yes" : "no"),
        ]
        if !total.isZero {
            values.append(ReportValue(name: "max |g_i| / C", rational: largest / total))
            values.append(ReportValue(name: "|g|^2 / C^2", rational: squaredNorm / (total * total)))
        }
        values += [
            ReportValue(name: "reciprocal pairs", integer: pairs),
            ReportValue(name: "optimal cost lower bound", rational: lower),
            ReportValue(name: "exact pair bound lies below", rational: lowerUpper),
            ReportValue(name: "optimal cost upper bound C(d)", rational: total),
        ]
        var circulation: CirculationBound?
        var circulationProblem: String?
        if circulationBound {
            circulation = CirculationBound.projecting(costs: c)
            if let circulation {
                circulationProblem = circulation.violation(costs: c)
                values.append(ReportValue(name: "circulation lower bound", rational: circulation.lowerBound))
            } else {
                values.append(ReportValue(name: "circulation lower bound", text: "none: the projected flow is negative on a synapse (far from balance)"))
            }
        }

        var failure: CheckFailure?
        if let circulationProblem {
            failure = CheckFailure(invariant: "the projected flow is a nonnegative circulation", expected: "yes", actual: circulationProblem)
        } else if let bound = circulation?.lowerBound, bound > total {
            failure = CheckFailure(invariant: "circulation lower bound <= C(d)", expected: "<= \(total)", actual: bound.description)
        } else if lower > total {
            failure = CheckFailure(invariant: "lower bound <= C(d)", expected: "<= \(total)", actual: lower.description)
        } else if let tol = relativeTolerance {
            if squaredNorm > tol * tol * total * total {
                failure = CheckFailure(invariant: "|g|^2 <= tol^2 C^2", expected: "<= \((tol * tol * total * total).description)", actual: squaredNorm.description)
            }
        } else if !balanced, let i = g.firstIndex(where: { !$0.isZero }) {
            failure = CheckFailure(invariant: "g[\(i)] = 0 (incoming cost = outgoing cost of neuron \(i))", expected: "0", actual: g[i].description)
        }
        var notes: [String] = []
        if balanced {
            notes.append("g = 0: d is a stationary point of the convex cost C(h), so C(d) is the optimal cost C*")
        }
        notes.append("C* lies in [optimal cost lower bound, C(d)]; pairs with one direction only contribute 0 to the lower bound")
        if let circulation {
            notes.append("C* >= circulation lower bound = \(ReportValue.approximation(circulation.lowerBound)) (approx.): sum c_ii + sum f_e (2 - f_e / c_e) for the nonnegative circulation f projected from c(d) (weak duality)")
        }
        let summary: String
        if let failure { summary = "claim rejected: \(failure.invariant) fails" }
        else if balanced { summary = "balanced exactly (g = 0); optimal cost C* = C(d) = \(ReportValue.approximation(total)) (approx.)" }
        else { summary = "imbalance within the claimed tolerance: |g|/C <= \(relativeTolerance!)" }
        return CheckReport(
            check: .balanceCertificate, summary: summary,
            inputs: [
                ReportValue(name: "neurons N", integer: n),
                ReportValue(name: "cost exponent p", integer: cost.exponent),
                ReportValue(name: "scales d", rationals: scales),
                relativeTolerance.map { ReportValue(name: "relative tolerance", rational: $0) }
                    ?? ReportValue(name: "claim", text: "exact balance g = 0"),
                ReportValue(name: "square-root fraction bits", integer: squareRootBits),
            ],
            values: values, verdict: failure == nil ? .verified : .failed, failure: failure, notes: notes)
    }
}
