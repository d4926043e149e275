import Rationals

/// The synaptic weights alpha_ij >= 0 of the cost c_ij = alpha_ij |J_ij|^p, exactly.
public enum ExactCostWeighting: Sendable, Equatable {
    /// alpha_ij = 1 (the Frobenius cost for p = 2).
    case uniform
    /// alpha_ij = r_j, one weight per presynaptic neuron j (the robustness cost uses the mean gains).
    case presynaptic([Rational])
    /// A full N x N matrix alpha.
    case full(Matrix<Rational>)

    /// alpha_ij for a network of N neurons; throws for a wrong shape or a negative weight.
    func weights(neurons n: Int) throws -> Matrix<Rational>? {
        switch self {
        case .uniform:
            return nil
        case let .presynaptic(r):
            guard r.count == n else {
                throw VerificationError.shapeMismatch("presynaptic cost weights have \(r.count) entries, expected \(n) (neurons)")
            }
            if let bad = r.firstIndex(where: { $0.signum < 0 }) {
                throw VerificationError.invalidParameter("presynaptic cost weight r[\(bad)] = \(r[bad]) is negative")
            }
            var alpha = Matrix(rows: n, columns: n, repeating: Rational(0))
            for i in 0..<n { for j in 0..<n { alpha[i, j] = r[j] } }
            return alpha
        case let .full(alpha):
            guard alpha.rows == n, alpha.columns == n else {
                throw VerificationError.shapeMismatch("cost weight matrix is \(alpha.rows) x \(alpha.columns), expected \(n) x \(n)")
            }
            if let bad = alpha.elements.firstIndex(where: { $0.signum < 0 }) {
                throw VerificationError.invalidParameter("cost weight alpha[\(bad / n), \(bad % n)] = \(alpha.elements[bad]) is negative")
            }
            return alpha
        }
    }
}
