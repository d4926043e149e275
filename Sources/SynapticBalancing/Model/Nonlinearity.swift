import RealModule

/// The pointwise nonlinearity phi of the rate network.
public enum Nonlinearity: Sendable, Hashable, Codable {
    /// max(x, 0).
    case relu
    /// x for x > 0, slope * x otherwise.
    case leakyReLU(slope: Double)
    /// The identity.
    case linear
    /// tanh: allowed for simulation, but not positively homogeneous, so the transform does not preserve the task.
    case tanh

    /// phi(a x) = a phi(x) for all a > 0 (ReLU, leaky ReLU, linear); false only for tanh.
    public var isPositivelyHomogeneous: Bool {
        if case .tanh = self { return false }
        return true
    }

    /// phi(x).
    @inlinable
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? x : 0
        case let .leakyReLU(slope): return x > 0 ? x : slope * x
        case .linear: return x
        case .tanh: return Double.tanh(x)
        }
    }

    /// The gain phi'(x). ReLU: 1 for x > 0 else 0; leaky ReLU: 1 for x > 0 else slope.
    @inlinable
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case let .leakyReLU(slope): return x > 0 ? 1 : slope
        case .linear: return 1
        case .tanh:
            let t = Double.tanh(x)
            return 1 - t * t
        }
    }

    /// "relu", "leaky_relu", "linear" or "tanh".
    public var name: String {
        switch self {
        case .relu: return "relu"
        case .leakyReLU: return "leaky_relu"
        case .linear: return "linear"
        case .tanh: return "tanh"
        }
    }
}
