import SynapticBalancing

/// Balancing a trained network with the robustness cost c_ij = r_j J_ij^2 (docs/math.md, "Cost and local rule") through the
/// package (`RecurrentNetwork.balanced`), applying the full transform J -> D^-1 J D, W_in -> D^-1 W_in,
/// b -> D^-1 b, W_out -> W_out D.
public struct RobustnessBalancing: Sendable {
    /// The balanced network.
    public var balanced: NetworkParameters
    /// Total robustness cost before and after.
    public var initialCost: Double
    public var finalCost: Double
    /// |g| / C at the end, and whether the solver converged.
    public var relativeImbalance: Double
    public var converged: Bool
    /// Synapses on no directed cycle of the cost graph (e.g. out of neurons with r_j = 0), set aside by the
    /// package's default policy: their cost tends to 0 along the orbit but no finite h attains it.
    public var unboundedSynapseCount: Int

    /// - Parameters:
    ///   - network: the trained network.
    ///   - gains: r_j from noise-free runs of `network`.
    ///   - model: tau, dt and phi.
    ///   - solver: the package solver. Default: the reference's flow dh/dt = g from h = 0 (adaptive
    ///     Dormand-Prince, the RK45 of scipy's `solve_ivp`), integrating the full rule up to `flowTime`.
    ///     Not Newton: a trained network often has neurons with r_j = 0 (never active without noise),
    ///     whose outgoing costs vanish, so the optimum is at infinity; Newton's finite-part policy then
    ///     spreads the log-scales up to 16 ln 10 and the balanced network amplifies state noise on those
    ///     neurons by up to 1e16 (seen in the CI miniature: loss ratio 1e11 under noise). The flow, stopped
    ///     at T, moves those scales only logarithmically in T, as the reference code does.
    ///   - flowTime: T for flow solvers (3000 in the reference code); ignored by Newton and Osborne.
    /// - Throws: the package's `BalancingError` (bad gains, a solver failure).
    public init(_ network: NetworkParameters, gains: [Double], model: StateReadoutModel,
                solver: BalancingSolver = .flow(.dormandPrince(relativeTolerance: 1e-3), .logScalesOnly),
                flowTime: Double = 3000) throws {
        let cost = try CostModel.robustness(gains: gains)
        let original = try network.recurrentNetwork(model: model)
        var options = BalancingOptions()
        options.tolerance = 1e-10
        options.maxTime = flowTime
        options.unboundedPolicy = .followFlow
        let (result, outcome) = try original.balanced(cost: cost, solver: solver, options: options)
        balanced = try NetworkParameters(result)
        initialCost = outcome.initialCost
        finalCost = outcome.finalCost
        relativeImbalance = outcome.relativeImbalance
        converged = outcome.converged
        unboundedSynapseCount = outcome.unboundedSynapses.count
    }
}
