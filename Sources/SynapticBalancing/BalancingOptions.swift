/// Stopping rules and recording options of the solvers.
public struct BalancingOptions: Sendable, Equatable {
    /// Stop when |g| / C <= tolerance (|g| the Euclidean norm, C the total cost, diagonal included).
    public var tolerance: Double = 1e-10
    /// Iteration cap: Newton steps, Osborne sweeps (N neuron updates each) or integrator steps.
    public var maxIterations: Int = 100_000
    /// Flows: stop at this flow time.
    public var maxTime: Double = .infinity
    /// Record a `PathPoint` per iteration (flows: per accepted step; Newton: per step; Osborne: per sweep).
    public var recordPath: Bool = false
    /// Also record J (row-major, dense) in each path point.
    public var recordWeights: Bool = false
    /// What to do when the optimum is at infinity.
    public var unboundedPolicy: UnboundedOptimumPolicy = .balanceFinitePart
    /// How Newton solves L delta = g / p.
    public var newtonLinearSolver: NewtonLinearSolver = .automatic

    public init() {}

    public init(tolerance: Double = 1e-10, maxIterations: Int = 100_000, maxTime: Double = .infinity,
                recordPath: Bool = false, recordWeights: Bool = false,
                unboundedPolicy: UnboundedOptimumPolicy = .balanceFinitePart) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.maxTime = maxTime
        self.recordPath = recordPath
        self.recordWeights = recordWeights
        self.unboundedPolicy = unboundedPolicy
    }
}
