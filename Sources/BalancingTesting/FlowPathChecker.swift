import BalancingVerification
import Foundation
import Rationals
import SynapticBalancing

/// Checks recorded float flow paths against exact arithmetic: the cost along h-only integrators, and the
/// drift of the Lax invariants (diagonal, cycle products) along the (J, h) Euler integrator and the
/// h-only form. Pass paths recorded with `recordPath` (and `recordWeights` for the invariants).
public enum FlowPathChecker {
    /// Cost along an h-only path (`.flow(_, .logScalesOnly)`): with d_k = exp(h_k) in Double converted
    /// exactly and C_k the exact off-diagonal cost of all synapses at d_k, requires
    ///
    ///     C_{k+1} <= C_k ((1 + 2u) / (1 - 2u))^{2p} (1 + x + x^2),   x = 2 p u H_{k+1},  H = max |h_i|.
    ///
    /// Proof sketch: the exact cost at exp(h) decreases along an integrator step that is a descent step
    /// (the property under test; true for steps within the stability limit); the step's final addition
    /// rounds each h_i by at most u |h_i|, moving every cost by a factor <= e^{2 p u H}; and exp(h) in
    /// Double is within 2u of exp(h) (one ulp), moving every cost by a factor within ((1+2u)/(1-2u))^p
    /// at each end. e^x <= 1 + x + x^2 for 0 <= x <= 1. The diagonal is invariant and left out.
    public static func checkCostNonIncreasing(_ J: DenseMatrix, cost: CostModel, path: [PathPoint]) throws {
        let property = "the exact cost does not increase along the h-only flow (beyond the proven rounding slack)"
        let exactCost = try ExactCostModel(cost)
        let exactJ = try ExactConversion.matrix(J, field: "J")
        // flows follow the whole flow (docs/reducible-networks.md): every synapse counts, on a cycle or not
        var finiteJ = exactJ
        for i in 0..<finiteJ.rows { finiteJ[i, i] = 0 }
        let p = exactCost.exponent
        let e = FloatRoundingBounds.exponentialRelativeError
        let expRounding = ((1 + e) / (1 - e)).power(2 * p)
        var previous: Rational?
        for (k, point) in path.enumerated() {
            if let bad = point.logScales.firstIndex(where: { !$0.isFinite }) {
                throw PropertyViolation(property: property, message: "path[\(k)].logScales[\(bad)] is not finite")
            }
            let d = try ExactConversion.scales(fromLogScales: point.logScales)
            let current = ExactCostModel.totalCost(ofCosts: try exactCost.costs(of: finiteJ, scales: d))
            if let previous {
                let bigH = Int((point.logScales.map { Swift.abs($0) }.max() ?? 0).rounded(.up))
                let x = Rational(2 * p * bigH) * FloatRoundingBounds.unitRoundoff
                let allowed = previous * expRounding * (1 + x + x * x)
                if current > allowed {
                    throw PropertyViolation(property: property, message: """
                        step \(k - 1) -> \(k) (t = \(path[k - 1].time) -> \(point.time)): exact cost \(previous.doubleValue) -> \
                        \(current.doubleValue), increase \((current - previous).doubleValue) beyond the rounding slack \
                        \((allowed - previous).doubleValue)
                        """)
                }
            }
            previous = current
        }
    }

    /// Which recorded path the invariant bound applies to.
    public enum PathForm: Sendable, Equatable {
        /// `.flow(.euler(step:), .weightsAndLogScales)`: J integrated by forward Euler with at most this step.
        case eulerWeights(step: Double)
        /// `.flow(_, .logScalesOnly)`: J rebuilt as D^-1 J0 D at every point (no truncation drift).
        case logScalesOnly
    }

    /// Invariants along a path recorded with weights (docs/math.md "Conserved quantities"): every diagonal entry
    /// J_ii exactly, and every fundamental cycle ratio P (`CycleBasis` of the finite part) within
    ///
    ///     |P_k / P_0 - 1| <= S_k + S_k^2     (exact rational comparison).
    ///
    /// Euler on (J, h): each synapse is multiplied by 1 + x_e, x_e = dt (g_j - g_i), and sum_e +-x_e = 0
    /// around any cycle (telescoping, the same g for all synapses), so the log cycle ratio changes per step
    /// by sum_e (log(1 + x_e) - x_e) plus rounding; |log(1+x) - x| <= x^2 / (2 (1 - |x|)), and the
    /// roundings of fl(J + dt J (g_j - g_i)) add <= u (2 + 8 |x|) per synapse (|x| <= 1/2). The float g of
    /// the step is bounded by the float g recomputed from the recorded J_m plus 1e-9 of the neuron's in +
    /// out cost (far above the evaluation error), giving X_e >= |x_e|, and for a cycle of length L
    ///
    ///     S_k = sum_{steps m < k} sum_{e in cycle} (X_e^2 / (2 (1 - X_e)) + u (2 + 8 X_e)),   X_e <= 1/2,
    ///
    /// with |P_k / P_0 - 1| <= e^{S_k} - 1 (<= S + S^2 for S <= 1). X_e = O(step), so the drift at a fixed
    /// time T is O(step): Euler's order 1. For the h-only form the weights are J0_ij d_j (1 / d_i) with one
    /// d per neuron: the ratio telescopes exactly and only the three roundings per synapse remain,
    /// S = L gamma_3 (1 + gamma_3) at every point (no truncation drift at all).
    public static func checkInvariantDrift(_ J: DenseMatrix, cost: CostModel, path: [PathPoint], form: PathForm) throws {
        let property = "the Lax invariants (diagonal, cycle ratios) drift no more than the integrator's order predicts"
        let n = J.rows
        let J0 = try ExactConversion.matrix(J, field: "J")
        let (basis, _) = try finitePartCycleBasis(J0, cost: cost)
        let initial = basis.cycles.map { basis.value(of: $0, in: J0) }
        let u = Rational(1).multipliedByPowerOfTwo(-53)
        var accumulated = Array(repeating: 0.0, count: basis.cycles.count)
        let floatCost = cost
        for (k, point) in path.enumerated() {
            guard let w = point.weights, w.count == n * n else {
                throw PropertyViolation(property: property, message: "path[\(k)] has no recorded weights (use recordWeights)")
            }
            if let bad = w.firstIndex(where: { !$0.isFinite }) {
                throw PropertyViolation(property: property, message: "path[\(k)].weights[\(bad)] = \(w[bad]) is not finite")
            }
            let Jk = try ExactConversion.values(w, field: "path weights")
            let Mk = try Matrix(rows: n, columns: n, elements: Jk)
            for i in 0..<n where Mk[i, i] != J0[i, i] {
                throw PropertyViolation(property: property, message: """
                    diagonal J[\(i),\(i)] changed from \(J0[i, i]) to \(Mk[i, i]) at path[\(k)] (t = \(point.time)); it is invariant
                    """)
            }
            for (index, cycle) in basis.cycles.enumerated() {
                guard let start = initial[index], !start.isZero, let value = basis.value(of: cycle, in: Mk) else {
                    throw PropertyViolation(property: property, message: "cycle \(cycle.name) vanished at path[\(k)]")
                }
                let length = cycle.steps.count
                let s: Rational
                switch form {
                case .logScalesOnly:
                    let g3 = FloatRoundingBounds.gamma(3)
                    let one = Rational(length) * g3 * (1 + g3)
                    s = one
                case .eulerWeights:
                    s = FloatRoundingBounds.upperBound(accumulated[index]) * (1 + Rational(1).multipliedByPowerOfTwo(-30))
                }
                // e^S - 1: S + S^2 for S <= 1, else expm1 in Double with a 2^-30 margin
                let bound = s <= 1 ? s + s * s
                    : FloatRoundingBounds.upperBound(Foundation.expm1(s.doubleValue)) * (1 + Rational(1).multipliedByPowerOfTwo(-30))
                let drift = (value / start - 1).magnitude
                if drift > bound {
                    throw PropertyViolation(property: property, message: """
                        cycle \(cycle.name) at path[\(k)] (t = \(point.time)): relative drift \(drift.doubleValue) > \
                        bound e^S - 1 = \(bound.doubleValue) (\(form))
                        """)
                }
            }
            // the bound for the next Euler step, from the state at this point
            if case let .eulerWeights(step) = form, k + 1 < path.count {
                let dense = try DenseMatrix(rows: n, columns: n, elements: w)
                let c = try floatCost.costs(of: dense)
                var g = Array(repeating: 0.0, count: n), margin = Array(repeating: 0.0, count: n)
                for i in 0..<n {
                    for j in 0..<n where j != i {
                        // the flow's g: every synapse (flows keep the one-way ones too)
                        g[i] += c[i, j]; margin[i] += c[i, j]
                        g[i] -= c[j, i]; margin[i] += c[j, i]
                    }
                }
                for (index, cycle) in basis.cycles.enumerated() {
                    for e in cycle.steps {
                        let x = step * (Swift.abs(g[e.pre] - g[e.post]) + 1e-9 * (margin[e.pre] + margin[e.post]))
                        guard x <= 0.5 else {
                            throw PropertyViolation(property: property, message: """
                                step * |g_j - g_i| = \(x) > 1/2 for synapse \(e.pre)->\(e.post) at path[\(k)]: the Euler drift \
                                bound does not apply to so large a step
                                """)
                        }
                        accumulated[index] += x * x / (2 * (1 - x)) + (2 + 8 * x) * u.doubleValue
                    }
                }
            }
        }
    }
}
