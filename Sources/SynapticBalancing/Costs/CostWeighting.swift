/// The weights alpha_ij >= 0 of the cost c_ij = alpha_ij |J_ij|^p.
public enum CostWeighting: Sendable, Equatable {
    /// alpha_ij = 1 (with p = 2: the Frobenius cost).
    case uniform
    /// alpha_ij = a_j, one weight per presynaptic neuron j (the robustness cost uses a_j = r_j).
    case presynaptic([Double])
    /// alpha_ij given entry by entry (N x N).
    case full(DenseMatrix)
}
