/// Errors of the exact verification layer. Every case carries a message naming what is wrong.
///
/// A thrown `VerificationError` means the check could not be run on the given input (bad shapes,
/// a nonlinearity for which the claim is false in general, a non-positive scale, ...). A check that
/// runs but finds the claim false does not throw: it returns a report with verdict `.failed`.
public enum VerificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A matrix or vector has the wrong shape, e.g. "inputWeights has 3 rows, expected 4 (neurons)".
    case shapeMismatch(String)
    /// Input-output invariance was claimed for a nonlinearity that is not positively homogeneous.
    case nonHomogeneousNonlinearity(String)
    /// A scale d_i <= 0 was given where the transform D = diag(d) needs d_i > 0.
    case nonPositiveScale(index: Int, value: String)
    /// A parameter is out of range (dt/tau <= 0, p < 1, negative alpha, negative step count, ...).
    case invalidParameter(String)
    /// A NaN or infinity where an exact value is needed, in the named field at a flat index.
    case notFinite(field: String, index: Int)
    /// A certificate file that cannot be read as a certificate.
    case malformedCertificate(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(message): "shape mismatch: \(message)"
        case let .nonHomogeneousNonlinearity(message):
            "non-homogeneous nonlinearity: \(message); the transform preserves the task only when phi(a x) = a phi(x) for a > 0 (relu, leaky_relu, linear)"
        case let .nonPositiveScale(index, value): "scale d[\(index)] = \(value) is not positive; the transform needs every d_i > 0"
        case let .invalidParameter(message): "invalid parameter: \(message)"
        case let .notFinite(field, index): "\(field)[\(index)] is NaN or infinite; an exact value needs a finite number"
        case let .malformedCertificate(message): "malformed certificate: \(message)"
        }
    }
}
