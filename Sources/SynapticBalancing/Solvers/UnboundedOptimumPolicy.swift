/// What to do when the cost has no finite minimiser (some synapses lie on no directed cycle).
public enum UnboundedOptimumPolicy: Sendable, Hashable {
    /// Set the synapses between different strongly connected components aside (their cost decays to 0
    /// as h runs to infinity along a direction that leaves every component's internal costs unchanged),
    /// balance each strongly connected component, and report the synapses in
    /// `BalancingResult.unboundedSynapses`.
    case balanceFinitePart
    /// Throw `BalancingError.unboundedOptimum`.
    case reject
    /// Flows only: integrate the full rule, all synapses included (the one-way costs decay like 1/t and
    /// the run stops at `maxTime` or `maxIterations`, not converged). Newton and Osborne treat this like
    /// `balanceFinitePart`, since their step toward infinity would not be finite.
    case followFlow
}
