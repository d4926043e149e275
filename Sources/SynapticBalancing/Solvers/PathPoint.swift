/// One recorded point of a solver's path.
public struct PathPoint: Sendable, Codable, Equatable {
    /// Flow time (flows) or the iteration number (Newton steps, Osborne sweeps).
    public var time: Double
    /// Total cost C (diagonal included) of the synapses being balanced.
    public var cost: Double
    /// |g|, the Euclidean norm of the imbalance.
    public var imbalanceNorm: Double
    /// h at this point.
    public var logScales: [Double]
    /// J (row-major, N x N) when `recordWeights`; for `.weightsAndLogScales` the integrated J itself.
    public var weights: [Double]?

    public init(time: Double, cost: Double, imbalanceNorm: Double, logScales: [Double], weights: [Double]? = nil) {
        self.time = time
        self.cost = cost
        self.imbalanceNorm = imbalanceNorm
        self.logScales = logScales
        self.weights = weights
    }
}
