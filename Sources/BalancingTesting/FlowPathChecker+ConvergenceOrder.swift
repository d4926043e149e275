import BalancingVerification
import Rationals
import SynapticBalancing

extension FlowPathChecker {
    /// The cycle basis of the finite part of J0 (synapses on a directed cycle, with positive cost: alpha
    /// may vanish) and the one-way synapses left out. Its cycle ratios are the Lax invariants that a
    /// (J, h) integrator may only change by truncation and rounding (docs/math.md "Conserved quantities").
    static func finitePartCycleBasis(_ J0: Matrix<Rational>, cost: CostModel) throws
        -> (basis: CycleBasis, oneWay: Set<SynapseIndex>) {
        let n = J0.rows
        let exactCost = try ExactCostModel(cost)
        let oneWay = UnboundedSynapseOracle.synapsesOnNoCycle(costs: try exactCost.costs(of: J0))
        var finite0 = J0
        for s in oneWay { finite0[s.post, s.pre] = 0 }
        let c0 = try exactCost.costs(of: finite0)
        var support = finite0
        for i in 0..<n { for j in 0..<n where c0[i, j].isZero { support[i, j] = 0 } }
        return (CycleBasis(supportOf: support), Set(oneWay))
    }

    /// The exact relative drift max_cycles |P(J_T) / P(J0) - 1| of the fundamental cycle ratios of the
    /// finite part at the last point of a path recorded with weights, and the longest cycle's length.
    public static func finalCycleDrift(_ J: DenseMatrix, cost: CostModel, path: [PathPoint]) throws
        -> (drift: Rational, longestCycle: Int) {
        let n = J.rows
        let J0 = try ExactConversion.matrix(J, field: "J")
        let (basis, _) = try finitePartCycleBasis(J0, cost: cost)
        guard let last = path.last, let w = last.weights, w.count == n * n else {
            throw PropertyViolation(property: "cycle drift", message: "the path has no recorded weights (use recordWeights)")
        }
        if let bad = w.firstIndex(where: { !$0.isFinite }) {
            throw PropertyViolation(property: "cycle drift", message: "final weights[\(bad)] = \(w[bad]) is not finite")
        }
        let JT = try Matrix(rows: n, columns: n, elements: try ExactConversion.values(w, field: "path weights"))
        var drift: Rational = 0
        var longest = 0
        for cycle in basis.cycles {
            longest = max(longest, cycle.steps.count)
            guard let start = basis.value(of: cycle, in: J0), !start.isZero, let end = basis.value(of: cycle, in: JT) else {
                throw PropertyViolation(property: "cycle drift", message: "cycle \(cycle.name) vanished at t = \(last.time)")
            }
            drift = max(drift, (end / start - 1).magnitude)
        }
        return (drift, longest)
    }

    /// Observed order of a fixed-step (J, h) integrator: `integrate(step, steps)` must return a path recorded
    /// with weights that ends at t = step * steps. With D(s) the exact final cycle drift (`finalCycleDrift`)
    /// after integrating to the same time T with step s and with s / 2, a method of global order q has
    /// D(s) = K s^q + O(s^(q+1)) plus rounding, so D(s/2) ~ D(s) / 2^q. Requires
    ///
    ///     D(s/2) <= 2 D(s) / 2^q + R,   R = 64 u L (2 steps)   (exact rational comparison),
    ///
    /// allowing a factor 2 for the pre-asymptotic regime (so Euler, q = 1, can never pass a check of q = 4:
    /// it gives D(s/2) ~ D(s) / 2) and R for rounding: every step rounds each of the L synapses of a cycle
    /// by a few u of its value (RK4 combines five terms). This is an order check, not a rigorous bound: it
    /// verifies the integrator's documented order on each input, which `checkInvariantDrift` proves for Euler.
    public static func checkConvergenceOrder(_ J: DenseMatrix, cost: CostModel, order: Int, step: Double, steps: Int,
                                             integrate: (_ step: Double, _ steps: Int) throws -> [PathPoint]) throws {
        let property = "the Lax invariants drift as the integrator's order predicts (step s against s/2)"
        precondition(order >= 1 && step > 0 && steps >= 1)
        let coarse = try integrate(step, steps)
        let fine = try integrate(step / 2, 2 * steps)
        for (name, path, expected) in [("s", coarse, step * Double(steps)), ("s/2", fine, step * Double(steps))] {
            // a run may stop before T only where the flow is at rest (g = 0 exactly: nothing moves)
            guard let last = path.last, Swift.abs(last.time - expected) <= 1e-9 * expected || last.imbalanceNorm == 0 else {
                throw PropertyViolation(property: property, message: """
                    the run with step \(name) ended at t = \(path.last?.time ?? 0) with |g| != 0, expected T = \(expected): \
                    compare both at the same time (tolerance 0, maxIterations = steps)
                    """)
            }
        }
        let (dCoarse, longest) = try finalCycleDrift(J, cost: cost, path: coarse)
        let (dFine, _) = try finalCycleDrift(J, cost: cost, path: fine)
        let rounding = 64 * FloatRoundingBounds.unitRoundoff * Rational(longest * 2 * steps)
        let allowed = 2 * dCoarse.multipliedByPowerOfTwo(-order) + rounding
        if dFine > allowed {
            throw PropertyViolation(property: property, message: """
                order \(order): final cycle drift \(dCoarse.doubleValue) with step \(step) (\(steps) steps) but \
                \(dFine.doubleValue) with step \(step / 2), above 2 D(s) / 2^\(order) + rounding = \(allowed.doubleValue) \
                (observed ratio D(s) / D(s/2) = \(dFine.isZero ? .infinity : (dCoarse / dFine).doubleValue))
                """)
        }
    }
}
