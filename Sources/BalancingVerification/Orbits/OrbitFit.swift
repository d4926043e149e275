/// The best diagonal transform of A towards B in floating point, for a B that is only near the orbit.
///
/// h minimises the squared residuals of log|B| - log|T_h(A)| over every non-zero entry (J off the
/// diagonal: h_j - h_i; W_in and b: -h_i; W_out: h_j), a graph Laplacian system solved densely.
public struct OrbitFit: Sendable, Equatable, Codable {
    /// The fitted log-scales h (d = exp(h)), h = 0 at one neuron of every part the data leave free.
    public var logScales: [Double]
    /// Root mean square of the log-magnitude residuals.
    public var logResidualRMS: Double
    /// max |B_ij - (D^-1 J_A D)_ij| / |(D^-1 J_A D)_ij| over the non-zero entries of J.
    public var recurrentDeviation: Double
    /// The same for W_in (0 when there are none).
    public var inputDeviation: Double
    /// The same for W_out (0 when there are none).
    public var outputDeviation: Double
    /// The same for b (0 when b is zero).
    public var biasDeviation: Double

    /// The largest of the four relative deviations.
    public var maximumDeviation: Double {
        Swift.max(Swift.max(recurrentDeviation, inputDeviation), Swift.max(outputDeviation, biasDeviation))
    }
}
