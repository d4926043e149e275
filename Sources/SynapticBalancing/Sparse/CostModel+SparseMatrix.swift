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

    /// C = sum_ij c_ij, in one pass over J (no copy of the costs).
    public func totalCost(of J: SparseMatrix) throws -> Double {
        try costAndImbalance(of: J, imbalance: false).cost
    }

    /// g_i = sum_j c_ij - sum_j c_ji, in one pass over J (no copy of the costs).
    public func imbalance(of J: SparseMatrix) throws -> [Double] {
        try costAndImbalance(of: J, imbalance: true).imbalance
    }

    /// C and g together in one pass over J: what a report of the written network needs.
    /// - Parameters:
    ///   - J: the weights.
    ///   - imbalance: whether to accumulate g (else `imbalance` is empty).
    /// - Returns: C = sum_ij c_ij and g_i = sum_j c_ij - sum_j c_ji (self-loops add to C, not to g).
    /// - Throws: `BalancingError.nonFinite` naming the entry whose cost alpha |J|^p overflowed.
    public func costAndImbalance(of J: SparseMatrix, imbalance: Bool = true) throws -> (cost: Double, imbalance: [Double]) {
        try validate(J)
        let n = J.rows
        var g = imbalance ? [Double](repeating: 0, count: n) : []
        var total = 0.0
        for i in 0..<n {
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                let v = J.values[k]
                if v == 0 { continue }
                let j = Int(J.columnIndex[k])
                let c = alpha(i, j, n) * power(v)
                guard c.isFinite else { throw BalancingError.nonFinite(field: "costs (alpha |J|^p overflowed)", index: k) }
                total += c
                if imbalance && j != i { g[i] += c; g[j] -= c }
            }
        }
        return (total, g)
    }
}
