import Foundation
import Rationals
import SynapticBalancing

/// Exact conversions from the float layer. Every finite double is a dyadic rational, so these lose
/// nothing; NaN and infinity are refused with the field and index named.
public enum ExactConversion {
    /// The exact values of doubles.
    /// - Throws: `VerificationError.notFinite(field:index:)`.
    public static func values(_ doubles: [Double], field: String) throws -> [Rational] {
        try exactValues(doubles, field)
    }

    /// The exact matrix of a float matrix.
    public static func matrix(_ dense: DenseMatrix, field: String) throws -> Matrix<Rational> {
        Matrix(rows: dense.rows, columns: dense.columns, uncheckedElements: try exactValues(dense.elements, field))
    }

    /// The scales d_i = exp(h_i), evaluated in Double and then converted exactly. The rounding of exp
    /// is not tracked: the result is an exact point of the orbit close to exp(h), not exp(h) itself.
    /// - Throws: `notFinite` for NaN/Inf in h or an overflowing exp, `nonPositiveScale` if exp underflows to 0.
    public static func scales(fromLogScales h: [Double]) throws -> [Rational] {
        let d = try exactValues(h.map { Foundation.exp($0) }, "exp(logScales)")
        if let bad = d.firstIndex(where: { $0.signum <= 0 }) {
            throw VerificationError.nonPositiveScale(index: bad, value: "exp(\(h[bad])) underflows to 0")
        }
        return d
    }
}
