import Rationals

/// The cost weights alpha of a generated cost c_ij = alpha_ij |J_ij|^p; every alpha is a positive rational.
public enum GeneratedCostWeighting: Sendable, Hashable {
    /// alpha_ij = 1.
    case uniform
    /// alpha_ij = a_j (one weight per presynaptic neuron), all a_j > 0.
    case presynaptic([Rational])
    /// alpha_ij given entry by entry, row-major N x N, all > 0.
    case full([Rational])

    /// A short name for descriptions.
    public var name: String {
        switch self {
        case .uniform: "uniform"
        case .presynaptic: "presynaptic"
        case .full: "full"
        }
    }
}
