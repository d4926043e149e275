import RealModule
/// The outcome of `balance(_:cost:solver:options:)`.
public struct BalancingResult: Sendable {
    /// h, with the gauge fixed to mean zero on each connected component of the cost graph (synapses
    /// i != j with c_ij > 0, either direction; docs/reducible-networks.md "Gauge"), the point the flow
    /// from h = 0 keeps; isolated neurons get 0.
    public var logScales: [Double]
    /// D^-1 J D with d = exp(h) (for `.weightsAndLogScales` flows: the integrated J).
    public var balancedWeights: DenseMatrix
    /// C at h = 0 (all synapses).
    public var initialCost: Double
    /// C of `balancedWeights` (all synapses, including any set aside).
    public var finalCost: Double
    /// |g| / C at the end, over the synapses that were balanced (the finite part when some were set aside).
    public var relativeImbalance: Double
    /// Newton steps, Osborne sweeps or integrator steps.
    public var iterations: Int
    /// Recorded path (empty unless `options.recordPath`).
    public var path: [PathPoint]
    /// Synapses on no directed cycle (their cost -> 0 at the infimum); empty when the optimum is finite.
    public var unboundedSynapses: [SynapseIndex]
    /// Whether |g|/C <= tolerance was reached (inside every strongly connected component, within the
    /// spread bound, and without falling back to the segment towards h = 0).
    public var converged: Bool
    /// The infimum of C over the orbit: the balanced cost of the finite part plus the diagonal
    /// (equals `finalCost` when there are no unbounded synapses and the run converged).
    public var infimumCost: Double
    /// Neurons touched by an unbounded synapse (pre or post), sorted.
    public var unboundedNeurons: [Int]

    /// Cost of the synapses inside strongly connected components (diagonal included) at h: balanced, and
    /// equal to `infimumCost` up to the tolerance for Newton and Osborne.
    public var insideCost: Double
    /// Cost of the synapses between components at h: the residual that only an unbounded spread of the
    /// log-scales removes (0 when the support is completely reducible). `finalCost` = inside + cross;
    /// the gap to the infimum is `finalCost - infimumCost`.
    public var crossCost: Double
    /// The spread bound used: max_i h_i - min_i h_i <= this (`BalancingOptions.maxLogScaleSpread`, capped so
    /// that every synapse between components stays a normal Double).
    public var maxLogScaleSpread: Double
    /// ln of the initial and final total costs, right where Double cannot hold the costs themselves
    /// (`initialCost` is then +inf or 0).
    public var initialLogCost: Double = 0
    public var finalLogCost: Double = 0

    public init(logScales: [Double], balancedWeights: DenseMatrix, initialCost: Double, finalCost: Double,
                relativeImbalance: Double, iterations: Int, path: [PathPoint], unboundedSynapses: [SynapseIndex],
                converged: Bool, infimumCost: Double, unboundedNeurons: [Int], insideCost: Double, crossCost: Double,
                maxLogScaleSpread: Double, initialLogCost: Double? = nil, finalLogCost: Double? = nil) {
        self.initialLogCost = initialLogCost ?? Double.log(initialCost)
        self.finalLogCost = finalLogCost ?? Double.log(finalCost)
        self.insideCost = insideCost
        self.crossCost = crossCost
        self.maxLogScaleSpread = maxLogScaleSpread
        self.logScales = logScales
        self.balancedWeights = balancedWeights
        self.initialCost = initialCost
        self.finalCost = finalCost
        self.relativeImbalance = relativeImbalance
        self.iterations = iterations
        self.path = path
        self.unboundedSynapses = unboundedSynapses
        self.converged = converged
        self.infimumCost = infimumCost
        self.unboundedNeurons = unboundedNeurons
    }
}
