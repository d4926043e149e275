@_exported import Matrices
import RealModule

/// The floating-point weight matrices of the solvers: the package's one `Matrix`, over `Double`
/// (row-major, `elements[i * columns + j]`, the array the AVX2 kernels of CBalancingKernels read).
public typealias DenseMatrix = Matrix<Double>

extension Matrix where Scalar == Double {
    /// Matrix-vector product y = A x, summed left to right over each row.
    /// - Parameter x: A vector with `columns` entries (precondition).
    /// - Returns: The `rows` entries of A x.
    public func multiplied(by x: [Double]) -> [Double] {
        precondition(x.count == columns, "vector has \(x.count) entries, matrix has \(columns) columns")
        var y = [Double](repeating: 0, count: rows)
        elements.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xv in
                for i in 0..<rows {
                    var s = 0.0
                    let base = i * columns
                    for j in 0..<columns { s += a[base + j] * xv[j] }
                    y[i] = s
                }
            }
        }
        return y
    }

    /// Checks that every entry is finite.
    /// - Parameter field: The name reported in the error, e.g. "recurrentWeights".
    /// - Throws: `BalancingError.nonFinite(field:index:)` at the first NaN or infinity (row-major index).
    public func validateFinite(field: String) throws {
        var firstBad = -1
        elements.withUnsafeBufferPointer { e in
            guard let base = e.baseAddress, !DenseKernels.allFinite(base, e.count) else { return }  // locate only on failure
            firstBad = e.firstIndex(where: { !$0.isFinite }) ?? -1
        }
        if firstBad >= 0 { throw BalancingError.nonFinite(field: field, index: firstBad) }
    }
}
