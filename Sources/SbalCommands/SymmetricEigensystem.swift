import Foundation

/// Eigenvalues and orthonormal eigenvectors of a small symmetric matrix by the cyclic Jacobi
/// method (rotations zero the off-diagonal entries until their norm is below 1e-14 of the matrix
/// norm). Used for the graph Laplacians of Fig 5 (N around 12); O(N^3) per sweep.
public struct SymmetricEigensystem: Sendable {
    /// Eigenvalues in ascending order.
    public var values: [Double]
    /// `vectors[k]` is the unit eigenvector of `values[k]`.
    public var vectors: [[Double]]

    /// Decomposes the symmetric `n x n` row-major matrix `a`.
    public init(symmetric a: [Double], n: Int) {
        var m = a
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = max(m.map { $0 * $0 }.reduce(0, +).squareRoot(), .leastNormalMagnitude)
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += m[i * n + j] * m[i * n + j] } }
            if off.squareRoot() <= 1e-14 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<n where m[p * n + q] != 0 {
                    // Rotation angle that zeroes m[p][q]: tan(2 theta) = 2 m_pq / (m_qq - m_pp).
                    let theta = (m[q * n + q] - m[p * n + p]) / (2 * m[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // columns p, q
                        let mkp = m[k * n + p], mkq = m[k * n + q]
                        m[k * n + p] = c * mkp - s * mkq
                        m[k * n + q] = s * mkp + c * mkq
                    }
                    for k in 0..<n {  // rows p, q
                        let mpk = m[p * n + k], mqk = m[q * n + k]
                        m[p * n + k] = c * mpk - s * mqk
                        m[q * n + k] = s * mpk + c * mqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { m[$0 * n + $0] < m[$1 * n + $1] }
        values = order.map { m[$0 * n + $0] }
        vectors = order.map { k in (0..<n).map { v[$0 * n + k] } }
    }
}
