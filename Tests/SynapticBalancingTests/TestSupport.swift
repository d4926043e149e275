import Foundation
import SynapticBalancing

/// A reproducible Gaussian random matrix with entries N(0, 1) / sqrt(n) * scale, zeroing entries with
/// probability 1 - density.
func randomMatrix(_ n: Int, seed: UInt64, density: Double = 1, scale: Double = 1) -> DenseMatrix {
    var normal = NormalSampler(seed: seed)
    var uniform = SeededGenerator(seed: seed ^ 0xABCDEF)
    var m = DenseMatrix(rows: n, columns: n)
    for k in 0..<(n * n) {
        let v = normal.next() * scale / Double(n).squareRoot()
        m.elements[k] = uniform.nextUniform() < density ? v : 0
    }
    return m
}

/// Relative imbalance |g|/C of a matrix for a cost model.
func relativeImbalance(_ j: DenseMatrix, _ cost: CostModel) throws -> Double {
    let g = try cost.imbalance(of: j)
    let c = try cost.totalCost(of: j)
    return g.map { $0 * $0 }.reduce(0, +).squareRoot() / c
}

/// h with the mean removed.
func centred(_ h: [Double]) -> [Double] {
    let mean = h.reduce(0, +) / Double(max(h.count, 1))
    return h.map { $0 - mean }
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
