/// Stopping rules and recording options of the solvers.
public struct BalancingOptions: Sendable, Equatable {
    /// Stop when |g| / C <= tolerance (|g| the Euclidean norm, C the total cost, diagonal included).
    public var tolerance: Double = 1e-10
    /// Iteration cap: Newton steps, Osborne sweeps (N neuron updates each) or integrator steps.
    public var maxIterations: Int = 100_000
    /// Flows: stop at this flow time.
    public var maxTime: Double = .infinity
    /// Record a `PathPoint` per iteration (flows: per accepted step; Newton: per step; Osborne: per sweep).
    /// Newton's and Osborne's points are shifted by what the solver's last h needed to become the returned
    /// h (the offsets between strongly connected components and the gauge, one constant per component),
    /// so the path ends at the returned point and each point's balanced costs are the solver's.
    public var recordPath: Bool = false
    /// Also record J (row-major, dense) in each path point.
    public var recordWeights: Bool = false
    /// What to do when the optimum is at infinity.
    public var unboundedPolicy: UnboundedOptimumPolicy = .balanceFinitePart
    /// The bound S on the log-scale spread when the optimum is at infinity (docs/reducible-networks.md):
    /// the offsets between strongly connected components keep max_i h_i - min_i h_i <= S + R, with R the
    /// spread that balancing the widest component needs by itself (0 for singletons). Default 16 ln 10
    /// (a factor 1e16 between the components' scales); capped so that every synapse between components
    /// stays a normal Double.
    public var maxLogScaleSpread: Double = BalancingOptions.defaultMaxLogScaleSpread
    /// Fixed-step flows (Euler, RK4): throw `didNotConverge`, naming the steps it would need, as soon
    /// as the decay of |g|/C shows that the tolerance is far out of reach of `maxIterations`, instead of
    /// spending the budget (false: run to the budget and return the point, not converged).
    public var stopUnreachableFixedStep: Bool = false
    /// Flows stop once max h - min h reaches this (set by the front end from `maxLogScaleSpread`).
    var flowLogScaleSpreadLimit: Double = .infinity
    /// 16 ln 10.
    public static let defaultMaxLogScaleSpread = 16 * 2.302585092994046
    /// Called at each evaluated iteration with the solver's state (nil: no reports).
    public var progress: ProgressHandler?
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
