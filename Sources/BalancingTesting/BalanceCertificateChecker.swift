import BalancingVerification
import Rationals
import SynapticBalancing

/// Checks a solver's claim |g| / C <= r exactly (docs/math.md "Balance condition and optimum").
///
/// The claim is converted exactly: for `.logScales(h)` the scales d = exp(h) are evaluated in Double and
/// converted exactly (`ExactConversion.scales`), the costs are c_ij(d) = c_ij (d_j / d_i)^p in rationals;
/// for `.balancedWeights(B)` the costs are alpha_ij |B_ij|^p. Synapses on no directed cycle
/// (`UnboundedSynapseOracle`) are left out, as Newton and Osborne balance inside the strongly connected
/// components (flows, which follow the whole flow, are checked on every synapse); C includes the
/// diagonal, as in `BalancingOptions.tolerance`. The check is
///
///     |g|_2 <= (r (1 + tau') + 2 tau) C          (decided exactly: squares compared in rationals)
///
/// where tau and tau' bound the float evaluation the solver made of g and C relative to the exact one
/// at the converted point: per cost term a relative error theta, then gamma_{2N} (g) and gamma_{N^2} (C)
/// for the sums, tau = theta + gamma_{2N} (1 + theta), tau' = theta + gamma_{N^2} (1 + theta);
/// |g_float - g| <= tau w (w_i = in + out cost, |w|_2 <= |w|_1 <= 2C) gives |g| <= r C_float + 2 tau C.
/// theta = gamma_3 for weights; for log scales theta = u (16 + 8p + 4p (H + 1)), H = max |h_i|: twice the
/// first-order sum of exp (2u) and pow/product roundings (gamma_3), the rounding of p h (u p H) and the
/// difference between exp(h) in Double and the solver's exp(p h) or exp(h_j - h_i) (4pu). The slack
/// factor reported is the allowed value divided by r; for r = 1e-10 and N <= 10 it is below 1.001.
public enum BalanceCertificateChecker {
    /// What the exact check found.
    public struct Outcome: Sendable, Equatable {
        /// The exact |g| / C, rounded to Double for display.
        public var exactRelativeImbalance: Double
        /// The allowed value r (1 + tau') + 2 tau, rounded for display.
        public var allowed: Double
        /// allowed / r.
        public var slack: Double
        /// Synapses left out (on no cycle).
        public var synapsesOnNoCycle: [SynapseIndex]
    }

    /// Throws `PropertyViolation` unless the claim balances J to relative imbalance `claimedRelativeImbalance`.
    @discardableResult
    ///
    /// - Parameter keepingSynapsesOnNoCycle: check the imbalance of every synapse (a flow's claim: flows
    ///   follow the whole flow) instead of leaving the synapses on no cycle out.
    public static func check(_ J: DenseMatrix, cost: CostModel, claim: BalanceClaim,
                             claimedRelativeImbalance r: Double, keepingSynapsesOnNoCycle: Bool = false) throws -> Outcome {
        let property = "the exact |g|/C of the balanced network is within the claimed relative imbalance"
        guard r.isFinite, r >= 0 else {
            throw PropertyViolation(property: property, message: "claimed relative imbalance \(r) is not a finite number >= 0")
        }
        let n = J.rows
        let exactJ = try ExactConversion.matrix(J, field: "J")
        let exactCost = try ExactCostModel(cost)
        let u = FloatRoundingBounds.unitRoundoff
        let p = exactCost.exponent
        let costs: Matrix<Rational>
        let theta: Rational
        switch claim {
        case let .logScales(h):
            guard h.count == n else { throw PropertyViolation(property: property, message: "h has \(h.count) entries, expected \(n)") }
            if let k = h.firstIndex(where: { !$0.isFinite }) {
                throw PropertyViolation(property: property, message: "h[\(k)] = \(h[k]) is not finite")
            }
            let d = try ExactConversion.scales(fromLogScales: h)
            costs = try exactCost.costs(of: exactJ, scales: d)
            let bigH = Int((h.map { Swift.abs($0) }.max() ?? 0).rounded(.up))
            theta = u * Rational(16 + 8 * p + 4 * p * (bigH + 1))
        case let .balancedWeights(B):
            guard B.rows == n, B.columns == n else {
                throw PropertyViolation(property: property, message: "balanced weights are \(B.rows) x \(B.columns), expected \(n) x \(n)")
            }
            costs = try exactCost.costs(of: try ExactConversion.matrix(B, field: "balanced weights"))
            theta = FloatRoundingBounds.gamma(3)
        }
        let oneWay = keepingSynapsesOnNoCycle ? [] : UnboundedSynapseOracle.synapsesOnNoCycle(costs: try exactCost.costs(of: exactJ))
        var kept = costs
        for s in oneWay { kept[s.post, s.pre] = 0 }
        let g = ExactCostModel.imbalance(ofCosts: kept)
        let total = ExactCostModel.totalCost(ofCosts: kept)
        let tau = theta + FloatRoundingBounds.gamma(2 * n) * (1 + theta)
        let tauC = theta + FloatRoundingBounds.gamma(max(1, n * n)) * (1 + theta)
        let rExact = try Rational(exactly: r)
        let allowed = rExact * (1 + tauC) + 2 * tau
        let gSquared = g.reduce(Rational(0)) { $0 + $1 * $1 }
        let relative = total.isZero ? 0 : (gSquared.doubleValue.squareRoot() / total.doubleValue)
        let outcome = Outcome(exactRelativeImbalance: relative, allowed: allowed.doubleValue,
                              slack: r > 0 ? allowed.doubleValue / r : .infinity, synapsesOnNoCycle: oneWay)
        if total.isZero {
            if !gSquared.isZero {
                throw PropertyViolation(property: property, message: "C = 0 but g != 0: \(g)")
            }
            return outcome
        }
        if gSquared > allowed * allowed * total * total {
            let worst = g.indices.max { g[$0].magnitude < g[$1].magnitude }!
            throw PropertyViolation(property: property, message: """
                exact |g|/C = \(relative) exceeds the claim \(r) times the slack \(outcome.slack) (allowed \(outcome.allowed)); \
                largest |g_\(worst)| = \(g[worst].magnitude.doubleValue), C = \(total.doubleValue), synapses on no cycle left out: \
                \(oneWay.map { "\($0.pre)->\($0.post)" })
                """)
        }
        return outcome
    }

    /// Checks a `BalancingResult` of `SynapticBalancing.balance`: finite numbers, `converged` consistent
    /// with `relativeImbalance <= tolerance`, and the exact certificate of `relativeImbalance` for the log
    /// scales (h-based solvers) or the integrated weights (`.flow(_, .weightsAndLogScales)`).
    @discardableResult
    public static func check(_ J: DenseMatrix, cost: CostModel, solver: BalancingSolver, tolerance: Double,
                             result: BalancingResult) throws -> Outcome {
        let property = "the solver's report is consistent"
        guard result.relativeImbalance.isFinite else {
            throw PropertyViolation(property: property, message: "relativeImbalance = \(result.relativeImbalance) is not finite")
        }
        // converged needs |g|/C <= tolerance; a run below the tolerance may still be unconverged when the
        // balanced components did not fit the spread bound or the cost check fell back
        // (Sources/SynapticBalancing/Solvers/Balance.swift)
        if result.converged && !(result.relativeImbalance <= tolerance) {
            throw PropertyViolation(property: property, message: """
                converged = \(result.converged) but relativeImbalance = \(result.relativeImbalance), tolerance = \(tolerance)
                """)
        }
        let claim: BalanceClaim
        var isFlow = false
        if case .flow = solver { isFlow = true }
        if case .flow(_, .weightsAndLogScales) = solver {
            claim = .balancedWeights(result.balancedWeights)
        } else {
            claim = .logScales(result.logScales)
        }
        return try check(J, cost: cost, claim: claim, claimedRelativeImbalance: result.relativeImbalance,
                         keepingSynapsesOnNoCycle: isFlow)
    }

    /// Checks your own solver: `solve(J, cost)` returns log scales h; the exact |g|/C at d = exp(h) must be
    /// within `tolerance` (times the documented slack).
    @discardableResult
    public static func check(_ J: DenseMatrix, cost: CostModel, tolerance: Double,
                             solve: (DenseMatrix, CostModel) throws -> [Double]) throws -> Outcome {
        try check(J, cost: cost, claim: .logScales(try solve(J, cost)), claimedRelativeImbalance: tolerance)
    }
}
