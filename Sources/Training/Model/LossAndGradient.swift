/// The task loss of one batch and its gradient with respect to (J, W_in, W_out, b).
public struct LossAndGradient: Sendable {
    /// The task loss (RMSE or MSE, as asked).
    public var loss: Double
    /// d loss / d theta, in the shapes of the parameters.
    public var gradient: NetworkParameters
}
