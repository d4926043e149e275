/// The result of comparing two networks: is B = T_d(A) for a positive diagonal d?
public struct OrbitComparisonReport: Sendable, Equatable, Codable {
    /// How B relates to the orbit of A.
    public enum Outcome: String, Sendable, Equatable, Codable {
        /// Every entry of B equals the entry of T_d(A) exactly.
        case verified
        /// Signs and zero patterns agree, but some entry differs from T_d(A) (perhaps by rounding).
        case notOnOrbit = "not_on_orbit"
        /// A sign, a zero pattern, dt/tau, the nonlinearity or the readout differs: no diagonal similarity does that.
        case hardFailure = "hard_failure"
    }

    /// The verdict.
    public var outcome: Outcome
    /// The exact d derived from a spanning forest of J's support (with W_in / W_out / b fixing each
    /// tree's scale), as "p/q"; nil on a hard failure.
    public var scales: [String]?
    /// How each tree's scale was fixed, e.g. "tree of neuron 0: W_in[0,0]" or "free (d = 1)".
    public var scaleAnchors: [String]
    /// The first entry that breaks the transform (order: J, W_in, W_out, b, row-major); nil when verified.
    public var firstFailure: OrbitEntryMismatch?
    /// The least-squares fit for a B near the orbit (outcome `notOnOrbit`), else nil.
    public var fit: OrbitFit?
    /// max over steps and outputs of |y_A - y_B| from exact simulations on the trial, A from x_0 and B
    /// from D^-1 x_0 (the exact d when verified, the fitted d near the orbit), rounded for display; nil
    /// on a hard failure or when the simulation was skipped.
    public var maximumOutputDifference: Double?
    /// max |y_A| on the trial, the scale of the output difference.
    public var maximumOutput: Double?
    /// Steps of the trial.
    public var trialSteps: Int
    /// Whether g = 0 exactly for B under the cost model.
    public var bIsBalanced: Bool
    /// |g| / C of B, computed exactly as |g|^2 / C^2 and rounded for display (0 when C = 0).
    public var bRelativeImbalance: Double
    /// The exact g of B, as "p/q".
    public var bImbalance: [String]
    /// Notes (e.g. a skipped simulation).
    public var notes: [String]
}
