import Foundation
import Testing
import SynapticBalancing

@Suite("cost model")
struct CostModelTests {
    let j = try! DenseMatrix([[1, -2, 0], [0.5, 3, 1], [0, -1, 0]])

    @Test("c_ij = alpha_ij |J_ij|^p for uniform, presynaptic and full alpha; g = incoming - outgoing")
    func handValues() throws {
        let uniform = try CostModel(exponent: 2)
        let c = try uniform.costs(of: j)
        #expect(c.elements == [1, 4, 0, 0.25, 9, 1, 0, 1, 0])
        #expect(try uniform.totalCost(of: j) == 16.25)
        // g_0 = (4) - (0.25); g_1 = (0.25 + 1) - (4 + 1); g_2 = 1 - 1
        #expect(try uniform.imbalance(of: j) == [3.75, -3.75, 0])
        let pre = try CostModel(exponent: 1, weighting: .presynaptic([2, 0.5, 1]))
        #expect(try pre.costs(of: j).elements == [2, 1, 0, 1, 1.5, 1, 0, 0.5, 0])
        let alpha = try DenseMatrix(rows: 3, columns: 3, elements: [1, 1, 1, 2, 1, 3, 1, 4, 1])
        let full = try CostModel(exponent: 3, weighting: .full(alpha))
        #expect(try full.costs(of: j).elements == [1, 8, 0, 0.25, 27, 3, 0, 4, 0])
        let robust = try CostModel.robustness(gains: [0.5, 1, 0.25])
        #expect(robust.exponent == 2 && robust.weighting == .presynaptic([0.5, 1, 0.25]))
        let g = try full.imbalance(of: j)
        #expect(abs(g.reduce(0, +)) < 1e-12)
    }

    @Test("bad cost parameters throw the right error")
    func badInput() throws {
        #expect(throws: BalancingError.invalidParameter("cost exponent p must be > 0, got 0.0")) { try CostModel(exponent: 0) }
        #expect(throws: BalancingError.invalidParameter("cost exponent p must be > 0, got -1.0")) { try CostModel(exponent: -1) }
        #expect(throws: BalancingError.invalidParameter("cost exponent p must be finite, got nan")) { try CostModel(exponent: .nan) }
        #expect(throws: BalancingError.invalidParameter("cost weight alpha[1] = -1.0 (presynaptic) must be >= 0")) {
            try CostModel(weighting: .presynaptic([1, -1]))
        }
        #expect(throws: BalancingError.nonFinite(field: "alpha (presynaptic)", index: 0)) {
            try CostModel(weighting: .presynaptic([.nan]))
        }
        let negative = try DenseMatrix([[1, -1], [1, 1]])
        #expect(throws: BalancingError.invalidParameter("cost weight alpha[0, 1] = -1.0 must be >= 0")) {
            try CostModel(weighting: .full(negative))
        }
        let cost = try CostModel(weighting: .presynaptic([1, 1]))
        #expect(throws: BalancingError.shapeMismatch("presynaptic cost weights have 2 entries, expected 3 (neurons)")) {
            try cost.costs(of: j)
        }
        #expect(throws: BalancingError.shapeMismatch("recurrent weights J are 2 x 3, expected a square matrix")) {
            try balance(DenseMatrix(rows: 2, columns: 3), cost: CostModel(), solver: .newton)
        }
        var nan = j
        nan[1, 2] = .nan
        #expect(throws: BalancingError.nonFinite(field: "recurrentWeights", index: 5)) {
            try balance(nan, cost: CostModel(), solver: .osborneCyclic)
        }
        var options = BalancingOptions()
        options.tolerance = -1
        #expect(throws: BalancingError.self) { try balance(j, cost: CostModel(), solver: .newton, options: options) }
        #expect(throws: BalancingError.self) {
            try balance(j, cost: CostModel(), solver: .flow(.euler(step: 0), .logScalesOnly))
        }
        #expect(throws: BalancingError.self) {
            try balance(j, cost: CostModel(), solver: .flow(.dormandPrince(relativeTolerance: 2), .logScalesOnly))
        }
    }

    @Test("zero alpha removes a synapse from the balance; the diagonal is invariant")
    func zeroAlphaAndDiagonal() throws {
        // ring 0 -> 1 -> 2 -> 0 plus 0 -> 2 weighted by alpha = 0
        var j = DenseMatrix(rows: 3, columns: 3)
        j[1, 0] = 2; j[2, 1] = 1; j[0, 2] = 0.5; j[2, 0] = 7; j[1, 1] = 3
        var alpha = DenseMatrix(rows: 3, columns: 3, repeating: 1)
        alpha[2, 0] = 0
        let cost = try CostModel(exponent: 2, weighting: .full(alpha))
        let r = try balance(j, cost: cost, solver: .newton)
        #expect(r.converged && r.unboundedSynapses.isEmpty)
        let c = try cost.costs(of: r.balancedWeights)
        // on a 3-ring every balanced cost equals the geometric mean (c10 c21 c02)^(1/3)
        let mean = pow(4.0 * 1 * 0.25, 1.0 / 3)
        for (a, b) in [(1, 0), (2, 1), (0, 2)] { #expect(abs(c[a, b] - mean) < 1e-10) }
        #expect(r.balancedWeights[1, 1] == 3)
        #expect(abs(r.finalCost - (3 * mean + 9)) < 1e-10)
    }
}
