import Rationals

/// The unit nonlinearity phi of an exact network.
///
/// ReLU, leaky ReLU with a rational slope and the identity are positively homogeneous of degree one,
/// phi(a x) = a phi(x) for a > 0, which is what makes the transform x~ = D^-1 x task-preserving. Any
/// other nonlinearity is carried by name only (`nonHomogeneous`): it cannot be evaluated exactly and a
/// check that needs invariance refuses it.
public enum ExactNonlinearity: Sendable, Hashable {
    /// phi(x) = max(x, 0).
    case relu
    /// phi(x) = x for x >= 0 and slope * x for x < 0.
    case leakyReLU(slope: Rational)
    /// phi(x) = x.
    case linear
    /// A nonlinearity that is not positively homogeneous (e.g. "tanh"); never evaluated exactly.
    case nonHomogeneous(name: String)

    /// True for relu, leaky ReLU and linear: phi(a x) = a phi(x) for every a > 0.
    public var isPositivelyHomogeneous: Bool {
        if case .nonHomogeneous = self { return false }
        return true
    }

    /// The file name of the nonlinearity: "relu", "leaky_relu", "linear" or the carried name.
    public var name: String {
        switch self {
        case .relu: "relu"
        case .leakyReLU: "leaky_relu"
        case .linear: "linear"
        case let .nonHomogeneous(name): name
        }
    }

    /// phi(x), exactly. Throws `nonHomogeneousNonlinearity` for a nonlinearity known by name only.
    public func callAsFunction(_ x: Rational) throws -> Rational {
        switch self {
        case .relu: return x.signum > 0 ? x : Rational(0)
        case let .leakyReLU(slope): return x.signum >= 0 ? x : slope * x
        case .linear: return x
        case let .nonHomogeneous(name):
            throw VerificationError.nonHomogeneousNonlinearity("\(name) cannot be evaluated in exact arithmetic")
        }
    }

    /// phi applied to every entry of a vector.
    func apply(_ x: [Rational]) throws -> [Rational] {
        switch self {
        case .linear: return x
        default: return try x.map { try self($0) }
        }
    }
}
