/// What the readout W_out reads: the rates phi(x) or the state x (docs/math.md "Model").
///
/// Both are invariant under the task-preserving transform: W_out~ = W_out D with x~ = D^-1 x gives
/// W_out~ x~ = W_out x, and, phi being positively homogeneous, W_out~ phi(x~) = W_out D D^-1 phi(x).
/// The authors' reference code (and `sbal train`) reads out the state.
public enum Readout: String, Sendable, Hashable, Codable, CaseIterable {
    /// y = W_out phi(x).
    case rate
    /// y = W_out x.
    case state
}
