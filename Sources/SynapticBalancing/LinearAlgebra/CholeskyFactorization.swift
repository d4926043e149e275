/// In-place dense Cholesky solve of a symmetric positive definite system.
enum CholeskyFactorization {
    static func solveInPlace(matrix a: inout [Double], dimension m: Int, rhs b: inout [Double]) throws {
        try a.withUnsafeMutableBufferPointer { a in
            // factor: lower triangle holds L with A = L L^T (row-oriented, contiguous inner products)
            for j in 0..<m {
                var d = a[j * m + j]
                for k in 0..<j { d -= a[j * m + k] * a[j * m + k] }
                guard d > 0, d.isFinite else {
                    throw BalancingError.didNotConverge("Newton: Laplacian not positive definite after pinning (pivot \(d) at \(j))")
                }
                let ljj = d.squareRoot()
                a[j * m + j] = ljj
                let inv = 1 / ljj
                for i in (j + 1)..<max(j + 1, m) {
                    var s = a[i * m + j]
                    let ri = i * m, rj = j * m
                    for k in 0..<j { s -= a[ri + k] * a[rj + k] }
                    a[ri + j] = s * inv
                }
            }
            // forward L y = b, backward L^T x = y
            for i in 0..<m {
                var s = b[i]
                for k in 0..<i { s -= a[i * m + k] * b[k] }
                b[i] = s / a[i * m + i]
            }
            for i in stride(from: m - 1, through: 0, by: -1) {
                var s = b[i]
                for k in (i + 1)..<max(i + 1, m) { s -= a[k * m + i] * b[k] }
                b[i] = s / a[i * m + i]
            }
        }
    }
}
