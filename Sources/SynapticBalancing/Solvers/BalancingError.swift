/// Errors thrown by the floating-point balancing core. Every case carries a message that names
/// what is wrong (the field, the index, the offending value).
public enum BalancingError: Error, Equatable, Sendable {
    /// Matrix or vector shapes disagree, e.g. "inputWeights has 3 rows, expected 4 (neurons)".
    case shapeMismatch(String)
    /// A NaN or infinity in the named field at the given flat (row-major) index.
    case nonFinite(field: String, index: Int)
    /// A parameter outside its domain: p <= 0, negative alpha, tau <= 0, d_i <= 0, ...
    case invalidParameter(String)
    /// A nonlinearity that is not positively homogeneous (tanh) where invariance is needed.
    case nonHomogeneousNonlinearity(String)
    /// The cost has no finite minimiser on the orbit: these synapses lie on no directed cycle.
    case unboundedOptimum(neurons: [Int], synapses: [SynapseIndex])
    /// A solver stopped without reaching its tolerance and the caller asked for an error.
    case didNotConverge(String)
}
