/// The graph Laplacian L = diag(W 1) - W of the symmetrised off-diagonal cost W = C + C^T (diagonal of
/// C dropped) (docs/math.md "Linearisation near equilibrium"). The Hessian of C(h) is p^2 L, and near an
/// equilibrium h* the flow obeys dh/dt = -p L (h - h*), so the eigenmodes v_k of L decay like
/// e^{-p lambda_k t}.
public struct CostLaplacian: Sendable, Equatable {
    /// L, N x N, symmetric, rows summing to zero.
    public var matrix: DenseMatrix

    /// The Laplacian of a cost matrix c (N x N, entries >= 0 expected; the diagonal is ignored).
    public init(costs c: DenseMatrix) throws {
        guard c.rows == c.columns else {
            throw BalancingError.shapeMismatch("cost matrix is \(c.rows) x \(c.columns), expected a square matrix")
        }
        try c.validateFinite(field: "costs")
        let n = c.rows
        var l = DenseMatrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let w = c.elements[i * n + j] + c.elements[j * n + i]  // W_ij
                l.elements[i * n + j] = -w
                l.elements[i * n + i] += w
            }
        }
        matrix = l
    }

    /// The Laplacian of the costs of J under a cost model.
    public init(weights J: DenseMatrix, cost: CostModel) throws {
        try self.init(costs: try cost.costs(of: J))
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors, by the cyclic Jacobi method.
    public func eigenmodes() -> SymmetricEigendecomposition {
        SymmetricEigendecomposition(symmetric: matrix)
    }

    /// M = 2 max_j sum_i W_ij, twice the largest weighted degree: by Gershgorin lambda_max(L) <= M.
    public var gershgorinBound: Double {
        let n = matrix.rows
        var best = 0.0
        for i in 0..<n { best = max(best, 2 * matrix.elements[i * n + i]) }
        return best
    }
}
