/// One simulated trial.
public struct Trajectory: Sendable, Equatable {
    /// Hidden states x_0 ... x_T (T + 1 rows of N).
    public var states: [[Double]]
    /// Outputs y_t = W_out phi(x_t) for t = 1 ... T (T rows of K): the output after each step.
    public var outputs: [[Double]]

    public init(states: [[Double]], outputs: [[Double]]) {
        self.states = states
        self.outputs = outputs
    }
}
