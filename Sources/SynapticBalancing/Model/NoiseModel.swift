/// Gaussian noise injected into the hidden units: sqrt(dt) * sigma * xi_t, xi_t ~ N(0, I), drawn from
/// a seeded generator so runs are reproducible.
public struct NoiseModel: Sendable, Equatable {
    /// sigma >= 0.
    public var standardDeviation: Double
    /// The seed of the normal stream (xoshiro256** + Box-Muller).
    public var seed: UInt64

    public init(standardDeviation: Double, seed: UInt64) {
        self.standardDeviation = standardDeviation
        self.seed = seed
    }
}
