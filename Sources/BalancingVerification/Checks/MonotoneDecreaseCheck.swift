import Rationals

/// Check 3, monotone decrease of the cost along the balancing flow, exactly.
///
/// At the point J~ = D^-1 J D (d = 1 by default), with c_ij the costs and g the imbalance:
/// 1. the identity dC/dt = sum_ij p c_ij (g_j - g_i) == -p sum_i g_i^2, both sides computed exactly
///    (along dh/dt = g each cost moves as dc_ij/dt = p c_ij (g_j - g_i));
/// 2. for rational steps along the orbit with eta = 2^-k, k = 0 ... K, the exact cost after the step,
///    and the largest eta that strictly decreases it. When g != 0 the verdict requires a decreasing
///    step and a decrease at every smaller grid step 2^-k, k* <= k <= K.
///    With `scaledSteps` (the default) the grid is eta = 2^-(k + s) with 2^s the least power of two
///    >= p max|g_i| (multiplicative) or >= p (signed), so that the steps are small relative to the
///    imbalance whatever the size of the costs (at p = 1000 or costs near 1e300 an absolute grid
///    2^-40 is still far too coarse). Certificates issued without the field re-check as issued.
/// When g == 0 the point is an equilibrium: every step leaves d unchanged and the check only
/// verifies the identity (0 == 0).
public struct MonotoneDecreaseCheck: Sendable, Equatable {
    /// The rational step families along the orbit.
    public enum StepFamily: String, Sendable, Hashable, Codable {
        /// d_i <- d_i (1 + eta g_i) (an Euler step of d' = d g; admissible while every factor is > 0).
        case multiplicative
        /// d_i <- d_i (1 + eta)^sign(g_i) (a straight line in h = log d, so the set of decreasing
        /// steps is an interval by convexity of C(h)).
        case signed
    }

    public var cost: ExactCostModel
    /// The starting point d > 0; nil means d = 1 (the network as given).
    public var scales: [Rational]?
    public var stepFamily: StepFamily
    /// K: the steps tried are eta = 2^-k for k = 0 ... K.
    public var maximumHalvings: Int
    /// Whether the grid is scaled by 2^-s (see above); false reproduces the absolute grid 2^-k of
    /// certificates issued before the field existed.
    public var scaledSteps: Bool

    public init(cost: ExactCostModel, scales: [Rational]? = nil, stepFamily: StepFamily = .multiplicative, maximumHalvings: Int = 40,
                scaledSteps: Bool = true) {
        self.cost = cost
        self.scales = scales
        self.stepFamily = stepFamily
        self.maximumHalvings = maximumHalvings
        self.scaledSteps = scaledSteps
    }

    /// The family whose exact steps stay small: the multiplicative step d_i (1 + eta g_i) carries the
    /// digits of g into every cost (about p (bits of g + s) bits each, s ~ bits of p g), the signed step d_i (1 + eta)
    /// only those of eta. Multiplicative unless that estimate exceeds `bitBudget` (p = 1000 on
    /// costs of 2800 bits would need numbers of millions of bits at each of the K + 1 steps).
    public static func preferredStepFamily(cost: ExactCostModel, weights: Matrix<Rational>, scales: [Rational]? = nil,
                                           bitBudget: Int = 100_000) throws -> StepFamily {
        let d = scales ?? Array(repeating: Rational(1), count: weights.rows)
        let g = ExactCostModel.imbalance(ofCosts: try cost.costs(of: weights, scales: d))
        let bits = g.map { $0.numerator.bitLength + $0.denominator.bitLength }.max() ?? 0
        let (estimate, overflow) = cost.exponent.multipliedReportingOverflow(by: 2 * bits + cost.exponent.bitWidth - cost.exponent.leadingZeroBitCount)
        return overflow || estimate > bitBudget ? .signed : .multiplicative
    }

    /// s >= 0, the least with 2^s >= p max|g_i| (multiplicative) or 2^s >= p (signed); 0 when the
    /// grid is not scaled.
    func stepShift(imbalance g: [Rational]) -> Int {
        guard scaledSteps else { return 0 }
        var bound = Rational(cost.exponent)
        if stepFamily == .multiplicative {
            bound *= g.reduce(Rational(0)) { Swift.max($0, $1.magnitude) }
        }
        // ceil(bound) < 2^bitLength, so s = bitLength(ceil(bound) - 1) is the least with 2^s >= bound.
        let ceiling = bound.ceil()
        return ceiling.signum > 0 ? (ceiling - BigInteger(1)).bitLength : 0
    }

    public func run(on network: ExactNetwork) throws -> CheckReport {
        try run(onWeights: network.recurrentWeights)
    }

    /// - Throws: `invalidParameter` for K < 0 or K > 4096, `shapeMismatch`, `nonPositiveScale`.
    public func run(onWeights weights: Matrix<Rational>) throws -> CheckReport {
        guard (0...4096).contains(maximumHalvings) else {
            throw VerificationError.invalidParameter("maximumHalvings K = \(maximumHalvings) must lie in 0...4096")
        }
        let n = weights.rows
        let d = scales ?? Array(repeating: Rational(1), count: n)
        let c = try cost.costs(of: weights, scales: d)
        let g = ExactCostModel.imbalance(ofCosts: c)
        let total = ExactCostModel.totalCost(ofCosts: c)
        let p = Rational(cost.exponent)

        // 1. dC/dt two ways.
        var rate = Rational(0)
        for i in 0..<n { for j in 0..<n where i != j && !c[i, j].isZero { rate += c[i, j] * (g[j] - g[i]) } }
        rate = p * rate
        let squaredNorm = g.reduce(Rational(0)) { $0 + $1 * $1 }
        let predicted = -p * squaredNorm
        var values: [ReportValue] = [
            ReportValue(name: "cost C", rational: total),
            ReportValue(name: "imbalance g", rationals: g),
            ReportValue(name: "dC/dt = sum_ij p c_ij (g_j - g_i)", rational: rate),
            ReportValue(name: "-p |g|^2", rational: predicted),
        ]
        var failure: CheckFailure?
        if rate != predicted {
            failure = CheckFailure(invariant: "dC/dt = -p |g|^2", expected: predicted.description, actual: rate.description)
        }

        // 2. The dyadic step search.
        var notes: [String] = []
        var shiftUsed = 0
        let stationary = g.allSatisfy(\.isZero)
        if stationary {
            notes.append("g = 0: d is an equilibrium, every step of the family leaves d unchanged")
        } else if failure == nil {
            var outcomes: [String] = []
            var firstDecrease: Int?
            let shift = stepShift(imbalance: g)
            shiftUsed = shift
            if shift > 0 { values.append(ReportValue(name: "step scale 2^-s, s", integer: shift)) }
            for k in 0...maximumHalvings {
                let eta = Rational(1).multipliedByPowerOfTwo(-(k + shift))
                guard let next = step(d, g: g, eta: eta) else {
                    outcomes.append("2^-\(k + shift): inadmissible (a factor 1 + eta g_i <= 0)")
                    continue
                }
                let after = ExactCostModel.totalCost(ofCosts: try cost.costs(of: weights, scales: next))
                let decreased = after < total
                outcomes.append("2^-\(k + shift): C = \(ReportValue.approximation(after)) (\(decreased ? "decrease" : "no decrease"))")
                if decreased, firstDecrease == nil {
                    firstDecrease = k
                    values.append(ReportValue(name: "largest decreasing step eta", rational: eta))
                    values.append(ReportValue(name: "cost after the largest decreasing step", rational: after))
                    values.append(ReportValue(name: "cost decrease", rational: total - after))
                } else if !decreased, firstDecrease != nil {
                    failure = CheckFailure(invariant: "strict decrease at every step below the largest decreasing one", step: k + shift,
                                           expected: "C < \(total)", actual: after.description)
                    break
                }
            }
            values.append(ReportValue(name: "step search (eta: cost, approximate)", exact: outcomes))
            if firstDecrease == nil, failure == nil {
                failure = CheckFailure(invariant: "some step eta = 2^-k, k <= \(maximumHalvings + shift), strictly decreases C", step: maximumHalvings + shift,
                                       expected: "C < \(total)", actual: "no decrease")
            }
        }
        let summary: String
        if let failure { summary = "failed: \(failure.invariant)" }
        else if stationary { summary = "g = 0 (equilibrium); dC/dt = 0 = -p |g|^2" }
        else { summary = "dC/dt = -p |g|^2 < 0 exactly, and the cost strictly decreases along the \(stepFamily.rawValue) step for every eta = 2^-k from the largest decreasing one down to 2^-\(maximumHalvings + shiftUsed)" }
        return CheckReport(
            check: .monotoneDecrease, summary: summary,
            inputs: [
                ReportValue(name: "neurons N", integer: n),
                ReportValue(name: "cost exponent p", integer: cost.exponent),
                ReportValue(name: "scales d", rationals: d),
                ReportValue(name: "step family", text: stepFamily.rawValue),
                ReportValue(name: "maximum halvings K", integer: maximumHalvings),
            ],
            values: values, verdict: failure == nil ? .verified : .failed, failure: failure, notes: notes)
    }

    /// One step of the family from d, or nil when a factor would not be positive.
    func step(_ d: [Rational], g: [Rational], eta: Rational) -> [Rational]? {
        var next = d
        for i in d.indices {
            switch stepFamily {
            case .multiplicative:
                let factor = 1 + eta * g[i]
                guard factor.signum > 0 else { return nil }
                next[i] = d[i] * factor
            case .signed:
                switch g[i].signum {
                case 1: next[i] = d[i] * (1 + eta)
                case -1: next[i] = d[i] / (1 + eta)
                default: break
                }
            }
        }
        return next
    }
}

extension MonotoneDecreaseCheck: Codable {
    private enum CodingKeys: String, CodingKey { case cost, scales, stepFamily, maximumHalvings, scaledSteps }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(cost: try c.decode(ExactCostModel.self, forKey: .cost),
                  scales: try c.decodeIfPresent([Rational].self, forKey: .scales),
                  stepFamily: try c.decode(StepFamily.self, forKey: .stepFamily),
                  maximumHalvings: try c.decode(Int.self, forKey: .maximumHalvings),
                  // Absent in certificates issued before the scaled grid: re-check them as issued.
                  scaledSteps: try c.decodeIfPresent(Bool.self, forKey: .scaledSteps) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cost, forKey: .cost)
        try c.encodeIfPresent(scales, forKey: .scales)
        try c.encode(stepFamily, forKey: .stepFamily)
        try c.encode(maximumHalvings, forKey: .maximumHalvings)
        if scaledSteps { try c.encode(true, forKey: .scaledSteps) }
    }
}
