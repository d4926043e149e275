/// Plain stochastic gradient descent with the gradient clipped to a global norm (TensorFlow's
/// `clip_by_global_norm`): g <- g * min(1, c / |g|), theta <- theta - lr g.
public struct GradientDescent: Sendable, Equatable {
    /// The learning rate (5e-3 in the paper).
    public var learningRate: Double
    /// The clipping norm c (10 in the paper); `.infinity` turns clipping off.
    public var clipNorm: Double

    /// - Throws: `TrainingError.invalidParameter` for a non-positive or non-finite learning rate or a non-positive clip norm.
    public init(learningRate: Double = 5e-3, clipNorm: Double = 10) throws {
        guard learningRate.isFinite, learningRate > 0 else { throw TrainingError.invalidParameter("learning rate must be finite and > 0, got \(learningRate)") }
        guard clipNorm > 0, !clipNorm.isNaN else { throw TrainingError.invalidParameter("clip norm must be > 0, got \(clipNorm)") }
        self.learningRate = learningRate
        self.clipNorm = clipNorm
    }

    /// One step on theta.
    /// - Parameters:
    ///   - parameters: theta, updated in place.
    ///   - gradient: d objective / d theta (same shapes).
    /// - Returns: the global norm of the gradient before clipping.
    @discardableResult
    public func step(_ parameters: inout NetworkParameters, gradient: NetworkParameters) -> Double {
        let norm = gradient.globalNorm
        let scale = learningRate * (norm > clipNorm ? clipNorm / norm : 1)
        func update(_ a: inout [Double], _ g: [Double]) { for e in a.indices { a[e] -= scale * g[e] } }
        update(&parameters.recurrent, gradient.recurrent)
        update(&parameters.input, gradient.input)
        update(&parameters.output, gradient.output)
        update(&parameters.bias, gradient.bias)
        return norm
    }
}
