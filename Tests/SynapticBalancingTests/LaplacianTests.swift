import Foundation
import Testing
import SynapticBalancing

@Suite("Laplacian, eigenmodes and bounds")
struct LaplacianTests {
    @Test("ring with unit costs: eigenvalues 2 - 2 cos(2 pi k / n), orthonormal modes")
    func ringSpectrum() throws {
        let n = 12
        var j = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { j[(i + 1) % n, i] = 1 }
        let laplacian = try CostLaplacian(weights: j, cost: CostModel())
        let modes = laplacian.eigenmodes()
        let expected = (0..<n).map { 2 - 2 * cos(2 * Double.pi * Double($0) / Double(n)) }.sorted()
        #expect(maxAbsDifference(modes.values, expected) < 1e-12)
        for a in 0..<n {
            let lv = laplacian.matrix.multiplied(by: modes.vectors[a])
            #expect(maxAbsDifference(lv, modes.vectors[a].map { $0 * modes.values[a] }) < 1e-12)
            for b in 0..<n {
                let dot = zip(modes.vectors[a], modes.vectors[b]).map { $0 * $1 }.reduce(0, +)
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
            }
        }
        #expect(laplacian.gershgorinBound == 4)
    }

    @Test("the Hessian of C(h) at h = 0 is p^2 L (finite differences)")
    func hessian() throws {
        let j = randomMatrix(6, seed: 2, density: 0.7)
        for p in [1.0, 2.0, 3.0] {
            let model = try CostModel(exponent: p)
            let l = try CostLaplacian(weights: j, cost: model).matrix
            let e = 1e-4
            for a in 0..<6 {
                for b in 0..<6 {
                    func c(_ da: Double, _ db: Double) throws -> Double {
                        var h = [Double](repeating: 0, count: 6)
                        h[a] += da; h[b] += db
                        return try FlowTests.cost(j, model, h)
                    }
                    let second = (try c(e, e) - c(e, -e) - c(-e, e) + c(-e, -e)) / (4 * e * e)
                    #expect(abs(second - p * p * l[a, b]) < 1e-5 * max(1, abs(second)), "p = \(p) (\(a), \(b))")
                }
            }
        }
    }

    @Test("bounds: lower <= C0 - C* <= upper; the upper bound is attained by a reciprocal pair")
    func bounds() throws {
        for seed in UInt64(1)...6 {
            let j = randomMatrix(8, seed: seed, density: 0.8)
            let model = try CostModel(exponent: Double(1 + seed % 3))
            let bounds = try CostDecreaseBounds(weights: j, cost: model)
            let r = try balance(j, cost: model, solver: .newton)
            let decrease = bounds.initialCost - r.infimumCost
            #expect(decrease >= bounds.lower * (1 - 1e-12), "seed \(seed)")
            #expect(decrease <= bounds.upper * (1 + 1e-12) + 1e-12, "seed \(seed)")
        }
        let pair = try DenseMatrix([[0.5, 3], [0.5, 0]])
        let bounds = try CostDecreaseBounds(weights: pair, cost: CostModel())
        let r = try balance(pair, cost: CostModel(), solver: .osborneCyclic)
        #expect(abs((bounds.initialCost - r.finalCost) - bounds.upper) < 1e-12)
        // g0 = (9 - 0.25, 0.25 - 9), W_01 = 9.25, M = 2 * 9.25
        #expect(abs(bounds.lower - 2 * 8.75 * 8.75 / (2 * 18.5)) < 1e-12)
    }
}
