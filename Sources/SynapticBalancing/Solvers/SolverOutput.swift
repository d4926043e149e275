/// What a solver hands back to the dense / sparse front ends.
struct SolverOutput {
    var logScales: [Double]
    /// The integrated weights of the kept synapses (CSR order of `CostGraph`), for the (J, h) flow.
    var integratedWeights: [Double]?
    var iterations: Int
    var converged: Bool
    var relativeImbalance: Double
    /// Cost of the kept synapses plus the diagonal at the end.
    var finalCost: Double
    var path: [PathPoint]
    /// Kept-synapse weights per path point (the (J, h) flow with recordWeights).
    var pathWeights: [[Double]]
}

extension BalancingOptions {
    func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw BalancingError.invalidParameter("tolerance must be finite and >= 0, got \(tolerance)")
        }
        guard maxIterations >= 0 else {
            throw BalancingError.invalidParameter("maxIterations must be >= 0, got \(maxIterations)")
        }
        guard maxLogScaleSpread.isFinite, maxLogScaleSpread >= 0 else {
            throw BalancingError.invalidParameter("maxLogScaleSpread must be finite and >= 0, got \(maxLogScaleSpread)")
        }
        guard !maxTime.isNaN, maxTime >= 0 else {
            throw BalancingError.invalidParameter("maxTime must be >= 0, got \(maxTime)")
        }
    }
}
