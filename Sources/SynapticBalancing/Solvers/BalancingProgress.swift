/// One progress report of a solver: after `iterations` Newton steps, Osborne sweeps or integrator steps,
/// the solver's own cost and |g| / C (over the synapses it balances), and the flow time for flows.
public struct BalancingProgress: Sendable, Equatable {
    public var iterations: Int
    public var cost: Double
    public var relativeImbalance: Double
    public var time: Double?

    public init(iterations: Int, cost: Double, relativeImbalance: Double, time: Double? = nil) {
        self.iterations = iterations
        self.cost = cost
        self.relativeImbalance = relativeImbalance
        self.time = time
    }
}

/// A callback the solvers call at each iteration they evaluate (the dense Osborne path skips sweeps far from
/// convergence) (`BalancingOptions.progress`); keep it cheap (the CLI
/// prints at most once a second). Two handlers compare equal: options describe what is solved, not who
/// listens.
public struct ProgressHandler: Sendable, Equatable {
    public let report: @Sendable (BalancingProgress) -> Void

    public init(_ report: @escaping @Sendable (BalancingProgress) -> Void) {
        self.report = report
    }

    public static func == (a: ProgressHandler, b: ProgressHandler) -> Bool { true }
}
