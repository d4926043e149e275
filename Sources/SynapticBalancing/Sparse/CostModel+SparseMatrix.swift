import RealModule

extension CostModel {
    /// Validates a sparse J against this model (square; values are finite by construction).
    func validate(_ J: SparseMatrix) throws {
        guard J.rows == J.columns else {
            throw BalancingError.shapeMismatch("recurrent weights J are \(J.rows) x \(J.columns), expected a square matrix")
        }
        try validate(neuronCount: J.rows)
    }

    /// The costs c_ij = alpha_ij |J_ij|^p at the stored entries (same CSR structure).
    public func costs(of J: SparseMatrix) throws -> SparseMatrix {
        try validate(J)
        var c = J
        let n = J.rows
        for i in 0..<n {
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                let v = J.values[k]
                c.values[k] = v == 0 ? 0 : alpha(i, Int(J.columnIndex[k]), n) * power(v)
            }
        }
        if let k = c.values.firstIndex(where: { !$0.isFinite }) {
            throw BalancingError.nonFinite(field: "costs (alpha |J|^p overflowed)", index: k)
        }
        return c
    }

    /// C = sum_ij c_ij.
    public func totalCost(of J: SparseMatrix) throws -> Double {
        try costs(of: J).values.reduce(0, +)
    }

    /// g_i = sum_j c_ij - sum_j c_ji.
    public func imbalance(of J: SparseMatrix) throws -> [Double] {
        let c = try costs(of: J)
        var g = [Double](repeating: 0, count: J.rows)
        for i in 0..<J.rows {
            for k in c.rowStart[i]..<c.rowStart[i + 1] {
                let j = Int(c.columnIndex[k])
                if j == i { continue }
                g[i] += c.values[k]
                g[j] -= c.values[k]
            }
        }
        return g
    }
}
