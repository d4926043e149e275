import Rationals

/// The second matrix of a Lax-structure check: the transform by given scales, or a matrix claimed to
/// lie on the orbit {D^-1 J D : d > 0} of J.
public enum OrbitPoint: Sendable, Equatable {
    /// J~ = D^-1 J D for d > 0.
    case scales([Rational])
    /// A claimed J~ (e.g. the weights a float solver returned, converted exactly).
    case weights(Matrix<Rational>)

    /// The matrix J~ for the weights J.
    func matrix(for weights: Matrix<Rational>) throws -> Matrix<Rational> {
        switch self {
        case let .scales(d):
            try validateScales(d, neurons: weights.rows)
            return weights.diagonalSimilarity(d)
        case let .weights(other):
            guard other.rows == weights.rows, other.columns == weights.columns else {
                throw VerificationError.shapeMismatch(
                    "transformed weights are \(other.rows) x \(other.columns), expected \(weights.rows) x \(weights.columns)")
            }
            return other
        }
    }
}
