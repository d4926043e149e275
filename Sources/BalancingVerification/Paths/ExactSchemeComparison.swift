import Rationals

/// Separates rounding from truncation for an explicit integrator of the balancing flow, run on the
/// scales d alone with the rational vector field d_i' = d_i g_i(d) (integer p), from d = 1:
///
/// - the exact scheme: the same explicit steps in rational arithmetic (optionally rounded to the grid
///   2^-B after every step, with the largest rounding injected at a step reported);
/// - the float scheme: the identical steps in Double;
/// - rounding error of the float scheme = float scheme - exact scheme (both the same discretisation);
/// - a truncation-error estimate of the exact scheme = scheme at step s minus scheme at step s/2 over
///   the same time (no float rounding involved; the true flow is not computed exactly, so this is an
///   estimate of the truncation error, not a bound);
/// - whether the exact scheme's cost decreases at every step (a property of the step size).
/// Bit sizes grow geometrically without rounding, so the run stops at `maximumBits` (reported).
public struct ExactSchemeComparison: Sendable, Equatable, Codable {
    /// The explicit scheme.
    public enum Scheme: String, Sendable, Hashable, Codable {
        case euler
        case rungeKutta4 = "rk4"
    }

    public var scheme: Scheme
    /// The step s > 0.
    public var stepSize: Rational
    /// Number of steps (at most 10_000).
    public var steps: Int
    /// nil: fully exact; B: round every d_i to the nearest multiple of 2^-B after each step.
    public var roundingBits: Int?
    /// Stop when an entry of d needs more bits than this (64 ... 2^24: the sizes grow geometrically,
    /// so a larger cap only means running out of memory).
    public var maximumBits: Int

    public init(scheme: Scheme = .euler, stepSize: Rational, steps: Int, roundingBits: Int? = nil, maximumBits: Int = 1 << 16) {
        self.scheme = scheme
        self.stepSize = stepSize
        self.steps = steps
        self.roundingBits = roundingBits
        self.maximumBits = maximumBits
    }

    /// The exact run of the scheme.
    struct ExactRun {
        var states: [[Rational]]          // d_0 ... d_n
        var costs: [Rational]             // C(d_0) ... C(d_n)
        var largestRounding = Rational(0)  // max over steps and i of |rounded - exact| (a max keeps sizes small)
        var stopReason: String?
    }

    func validate() throws {
        guard stepSize.signum > 0 else { throw VerificationError.invalidParameter("scheme step size \(stepSize) must be positive") }
        guard (0...10_000).contains(steps) else { throw VerificationError.invalidParameter("scheme steps \(steps) must lie in 0...10000") }
        if let b = roundingBits, !(1...100_000).contains(b) {
            throw VerificationError.invalidParameter("rounding bits \(b) must lie in 1...100000")
        }
        guard (64...(1 << 24)).contains(maximumBits) else {
            throw VerificationError.invalidParameter("maximumBits \(maximumBits) must lie in 64...\(1 << 24)")
        }
    }

    /// Runs the scheme exactly with step h for n steps.
    func exactRun(weights: Matrix<Rational>, cost: ExactCostModel, step h: Rational, steps n: Int) throws -> ExactRun {
        let start = Array(repeating: Rational(1), count: weights.rows)
        var run = ExactRun(states: [start], costs: [try cost.totalCost(of: weights)])
        func field(_ d: [Rational]) throws -> [Rational]? {
            guard d.allSatisfy({ $0.signum > 0 }) else { return nil }
            let g = ExactCostModel.imbalance(ofCosts: try cost.costs(of: weights, scales: d))
            return zip(d, g).map { $0 * $1 }
        }
        func axpy(_ d: [Rational], _ a: Rational, _ k: [Rational]) -> [Rational] { zip(d, k).map { $0 + a * $1 } }
        var d = start
        var bitHistory = [maximumBitSize(start)]
        for index in 1...Swift.max(n, 1) where n > 0 {
            // Bit sizes grow geometrically; refuse a step predicted to cross the cap (it could take minutes).
            if bitHistory.count >= 2, let last = bitHistory.last, last > 0 {
                let previous = Swift.max(bitHistory[bitHistory.count - 2], 1)
                let predicted = Double(last) * Double(last) / Double(previous)
                if predicted > Double(maximumBits) {
                    run.stopReason = "stopped before step \(index): d would need about \(Int(predicted)) bits > maximumBits \(maximumBits)"
                    break
                }
            }
            var next: [Rational]?
            switch scheme {
            case .euler:
                next = try field(d).map { axpy(d, h, $0) }
            case .rungeKutta4:
                if let k1 = try field(d), let k2 = try field(axpy(d, h / 2, k1)), let k3 = try field(axpy(d, h / 2, k2)),
                   let k4 = try field(axpy(d, h, k3)) {
                    next = d.indices.map { d[$0] + h / 6 * (k1[$0] + 2 * k2[$0] + 2 * k3[$0] + k4[$0]) }
                }
            }
            guard var value = next, value.allSatisfy({ $0.signum > 0 }) else {
                run.stopReason = "step \(index) leaves the positive orthant (some d_i <= 0): the step is too large"
                break
            }
            if let b = roundingBits {
                let rounded = value.map { roundToGrid($0, bits: b) }
                for (r, v) in zip(rounded, value) { run.largestRounding = Swift.max(run.largestRounding, (r - v).magnitude) }
                value = rounded
            }
            d = value
            run.states.append(d)
            run.costs.append(try cost.totalCost(of: weights.diagonalSimilarity(d)))
            let bits = maximumBitSize(d)
            bitHistory.append(bits)
            if bits > maximumBits, index < n {
                run.stopReason = "stopped after step \(index): an entry of d needs \(bits) bits > maximumBits \(maximumBits)"
                break
            }
        }
        return run
    }

    /// The same scheme in Double, for `steps` steps (stops early on a non-positive or non-finite d).
    func floatRun(weights: Matrix<Rational>, cost: ExactCostModel, steps n: Int) throws -> [[Double]] {
        let size = weights.rows
        let w = weights.elements.map(\.doubleValue)
        let alpha: [Double]? = try cost.weighting.weights(neurons: size)?.elements.map(\.doubleValue)
        let p = cost.exponent
        let h = stepSize.doubleValue
        func field(_ d: [Double]) -> [Double] {
            var g = Array(repeating: 0.0, count: size)
            for i in 0..<size {
                for j in 0..<size where i != j && w[i * size + j] != 0 {
                    let ratio = abs(w[i * size + j]) * d[j] / d[i]
                    var c = 1.0
                    for _ in 0..<p { c *= ratio }
                    if let alpha { c *= alpha[i * size + j] }
                    g[i] += c
                    g[j] -= c
                }
            }
            return zip(d, g).map { $0 * $1 }
        }
        func axpy(_ d: [Double], _ a: Double, _ k: [Double]) -> [Double] { zip(d, k).map { $0 + a * $1 } }
        var d = Array(repeating: 1.0, count: size)
        var states = [d]
        for _ in 0..<n {
            switch scheme {
            case .euler:
                d = axpy(d, h, field(d))
            case .rungeKutta4:
                let k1 = field(d), k2 = field(axpy(d, h / 2, k1)), k3 = field(axpy(d, h / 2, k2)), k4 = field(axpy(d, h, k3))
                d = d.indices.map { d[$0] + h / 6 * (k1[$0] + 2 * k2[$0] + 2 * k3[$0] + k4[$0]) }
            }
            guard d.allSatisfy({ $0 > 0 && $0.isFinite }) else { break }
            states.append(d)
        }
        return states
    }

    /// The report lines of the comparison.
    func evaluate(weights: Matrix<Rational>, cost: ExactCostModel) throws -> (values: [ReportValue], notes: [String]) {
        try validate()
        let exact = try exactRun(weights: weights, cost: cost, step: stepSize, steps: steps)
        let done = exact.states.count - 1
        let float = try floatRun(weights: weights, cost: cost, steps: done)
        var values: [ReportValue] = [
            ReportValue(name: "scheme", text: scheme.rawValue),
            ReportValue(name: "scheme steps computed exactly", integer: done),
            ReportValue(name: "scheme d bit sizes per step", exact: exact.states.map { String(maximumBitSize($0)) }),
            ReportValue(name: "exact scheme cost per step", exact: exact.costs.map(\.description), approximate: exact.costs.map(ReportValue.approximation)),
        ]
        var notes: [String] = []
        if let reason = exact.stopReason { notes.append(reason) }
        if let increase = exact.costs.indices.dropFirst().first(where: { exact.costs[$0] > exact.costs[$0 - 1] }) {
            values.append(ReportValue(name: "first exact-scheme step with a cost increase", integer: increase))
            notes.append("the exact \(scheme.rawValue) scheme with step \(stepSize) increases the cost at step \(increase): truncation, not rounding")
        } else {
            values.append(ReportValue(name: "exact scheme cost non-increasing", text: "yes"))
        }
        if let b = roundingBits {
            // Stored as an upper bound on the grid 2^-(B+64), so the report stays small.
            let bound = try Rational(numerator: exact.largestRounding.multipliedByPowerOfTwo(b + 64).ceil(),
                                     denominator: BigInteger(1).shiftedLeft(b + 64))
            values.append(ReportValue(name: "largest rounding injected into the exact scheme per step and entry (upper bound)", rational: bound))
            notes.append("the exact scheme was rounded to multiples of 2^-\(b) after each step: each entry moved by at most the reported largest rounding (<= 2^-\(b + 1)) per step; the propagation of these roundings is not bounded here")
        }
        // Rounding error of the float scheme, step by step, as exact differences.
        var maximum = Rational(0)
        var final = Rational(0)
        for (index, floatState) in float.enumerated() {
            let floatExact = try exactValues(floatState, "float scheme state")
            final = zip(floatExact, exact.states[index]).map { ($0 - $1).magnitude }.max() ?? Rational(0)
            maximum = Swift.max(maximum, final)
        }
        values.append(ReportValue(name: "float scheme steps", integer: float.count - 1))
        values.append(ReportValue(name: "rounding error max_i |d_float - d_exact| at the last step", rational: final))
        values.append(ReportValue(name: "rounding error max over steps", rational: maximum))
        // Truncation estimate: the same exact scheme with half the step over the same time.
        if done > 0 {
            let half = try exactRun(weights: weights, cost: cost, step: stepSize / 2, steps: 2 * done)
            if half.states.count == 2 * done + 1 {
                let difference = zip(half.states[2 * done], exact.states[done]).map { ($0 - $1).magnitude }.max() ?? Rational(0)
                values.append(ReportValue(name: "truncation estimate max_i |d_s - d_(s/2)| at the last step", rational: difference))
            } else {
                notes.append("truncation estimate not computed: the half-step run stopped (\(half.stopReason ?? "size"))")
            }
        }
        notes.append("rounding error = the float run of this scheme minus the same scheme in exact arithmetic; truncation estimate = the exact scheme at step s minus at step s/2 (the exact flow itself is not available in rationals)")
        return (values, notes)
    }
}

/// x rounded to the nearest multiple of 2^-bits (ties up).
func roundToGrid(_ x: Rational, bits: Int) -> Rational {
    let scaled = (x.multipliedByPowerOfTwo(bits) + Rational(1, 2)).floor()
    return try! Rational(numerator: scaled, denominator: BigInteger(1).shiftedLeft(bits))
}
