/// Eigen-decomposition A = V diag(lambda) V^T of a dense symmetric matrix by the cyclic Jacobi
/// rotation method (Golub & Van Loan 8.5): sweeps of plane rotations until the off-diagonal norm is
/// below 1e-15 times the Frobenius norm (at most 100 sweeps). O(N^3) per sweep: for small N.
public struct SymmetricEigendecomposition: Sendable, Equatable {
    /// Eigenvalues in ascending order.
    public var values: [Double]
    /// Eigenvectors: `vectors[k]` belongs to `values[k]`, unit length, mutually orthogonal.
    public var vectors: [[Double]]

    /// Decomposes the symmetric part (A + A^T)/2 of a square matrix (precondition: square).
    public init(symmetric input: DenseMatrix) {
        precondition(input.rows == input.columns, "eigendecomposition needs a square matrix")
        let n = input.rows
        var a = input.elements
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) {
            let s = 0.5 * (a[i * n + j] + a[j * n + i]); a[i * n + j] = s; a[j * n + i] = s
        } }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let frobenius = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where j != i { off += a[i * n + j] * a[i * n + j] } }
            if off.squareRoot() <= 1e-15 * frobenius || frobenius == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    // rotation zeroing a_pq: t = sgn(theta) / (|theta| + sqrt(theta^2 + 1))
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // columns p, q
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // rows p, q
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { k in (0..<n).map { v[$0 * n + k] } }
    }
}
