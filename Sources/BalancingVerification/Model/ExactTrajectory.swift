import Rationals

/// An exact Euler trajectory of an `ExactNetwork`.
public struct ExactTrajectory: Sendable, Equatable {
    /// x_0 ... x_T (T + 1 states of N entries).
    public var states: [[Rational]]
    /// y_0 ... y_T with y_t = W_out phi(x_t) (T + 1 outputs of K entries, one per state).
    public var outputs: [[Rational]]
}
