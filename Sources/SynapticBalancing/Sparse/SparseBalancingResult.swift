/// The outcome of `balance(_:cost:solver:options:)` for a sparse J: as `BalancingResult`, with the
/// balanced weights in CSR form (same structure as the input) and, in recorded path points, `weights`
/// holding the CSR values (not a dense matrix).
public struct SparseBalancingResult: Sendable {
    public var logScales: [Double]
    public var balancedWeights: SparseMatrix
    public var initialCost: Double
    public var finalCost: Double
    public var relativeImbalance: Double
    public var iterations: Int
    public var path: [PathPoint]
    public var unboundedSynapses: [SynapseIndex]
    public var converged: Bool
    public var infimumCost: Double
    public var unboundedNeurons: [Int]
    /// As in `BalancingResult`.
    public var insideCost: Double
    public var crossCost: Double
    public var maxLogScaleSpread: Double
    /// ln of the initial and final total costs, right where Double cannot hold the costs themselves
    /// (`initialCost` is then +inf or 0).
    public var initialLogCost: Double = 0
    public var finalLogCost: Double = 0
}
