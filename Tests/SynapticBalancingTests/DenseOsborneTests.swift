import Testing
@testable import SynapticBalancing

/// The dense Osborne fast path against the general (CSR) path, which runs the same iteration on a cost
/// graph: same h up to rounding, same convergence, and the fast path declines the networks it cannot take.
@Suite("dense Osborne fast path")
struct DenseOsborneTests {
    static func costs(_ n: Int, seed: UInt64) throws -> [CostModel] {
        var uniform = SeededGenerator(seed: seed)
        let gains = (0..<n).map { _ in 0.25 + uniform.nextUniform() }
        var full = DenseMatrix(rows: n, columns: n)
        for k in 0..<(n * n) { full.elements[k] = 0.5 + uniform.nextUniform() }
        return [try CostModel(), try CostModel(exponent: 1), try CostModel(exponent: 3),
                try CostModel.robustness(gains: gains), try CostModel(exponent: 2, weighting: .full(full))]
    }

    @Test("agrees with the general path on strongly connected networks (p = 1, 2, 3, alpha vector and matrix)",
          arguments: [(5, 0.9), (12, 1.0), (33, 0.5), (64, 0.3)])
    func agreesWithGeneralPath(n: Int, density: Double) throws {
        for (index, cost) in try Self.costs(n, seed: UInt64(n)).enumerated() {
            var J = randomMatrix(n, seed: UInt64(100 + n + index), density: density)
            // a ring keeps the support strongly connected; self-loops are invariant and must be ignored
            for i in 0..<n { J[(i + 1) % n, i] = J[(i + 1) % n, i] == 0 ? 0.7 : J[(i + 1) % n, i]; J[i, i] = 0.3 }
            #expect(DenseOsborneSolver(J, cost: cost) != nil)
            for solver in [BalancingSolver.osborneCyclic, .osborneRandomized(seed: 3)] {
                let fast = try balance(J, cost: cost, solver: solver)
                let general = try balance(SparseMatrix(J), cost: cost, solver: solver)
                #expect(fast.converged && general.converged)
                #expect(fast.relativeImbalance <= 1e-10)
                #expect(try relativeImbalance(fast.balancedWeights, cost) <= 1e-9)
                #expect(maxAbsDifference(fast.logScales, general.logScales) < 1e-8, "p = \(cost.exponent), N = \(n)")
                #expect(abs(fast.finalCost - general.finalCost) <= 1e-12 * general.finalCost)
                #expect(abs(fast.initialCost - general.initialCost) <= 1e-12 * general.initialCost)
                #expect(abs(fast.iterations - general.iterations) <= 1)
                #expect(fast.unboundedSynapses.isEmpty)
                for i in 0..<n { #expect(fast.balancedWeights[i, i] == J[i, i]) }
            }
        }
    }

    @Test("declines networks that are not strongly connected, so the general path sets synapses aside")
    func declinesWhatItCannotTake() throws {
        let cost = try CostModel()
        // one-way synapse 0 -> 1 (Fig 3 top)
        let oneWay = try DenseMatrix([[0, 0], [1, 0]])
        #expect(DenseOsborneSolver(oneWay, cost: cost) == nil)
        let result = try balance(oneWay, cost: cost, solver: .osborneCyclic)
        #expect(result.unboundedSynapses == [SynapseIndex(post: 1, pre: 0)])
        // two reciprocal pairs with no link between them
        let twoParts = try DenseMatrix([[0, 1, 0, 0], [4, 0, 0, 0], [0, 0, 0, 2], [0, 0, 3, 0]])
        #expect(DenseOsborneSolver(twoParts, cost: cost) == nil)
        // a neuron with only a self-loop
        let isolated = try DenseMatrix([[0, 1, 0], [2, 0, 0], [0, 0, 5]])
        #expect(DenseOsborneSolver(isolated, cost: cost) == nil)
        // strongly connected only through a synapse whose alpha is 0 is not strongly connected
        let weighted = try CostModel(exponent: 2, weighting: .presynaptic([1, 0]))
        #expect(DenseOsborneSolver(try DenseMatrix([[0, 1], [1, 0]]), cost: weighted) == nil)
        // an overflowing cost (1e400) is left to the general path, which balances in log form: c = 1e200 twice
        #expect(DenseOsborneSolver(try DenseMatrix([[0, 1e200], [1, 0]]), cost: cost) == nil)
        let wide = try balance(try DenseMatrix([[0, 1e200], [1, 0]]), cost: cost, solver: .osborneCyclic)
        #expect(wide.converged && abs(wide.finalCost / 2e200 - 1) < 1e-12 && wide.initialCost == .infinity)
    }

    @Test("path recording evaluates every sweep, like the general path")
    func pathIsRecordedPerSweep() throws {
        let J = randomMatrix(20, seed: 9)
        let cost = try CostModel()
        let options = BalancingOptions(tolerance: 1e-12, recordPath: true, recordWeights: true)
        let fast = try balance(J, cost: cost, solver: .osborneCyclic, options: options)
        let general = try balance(SparseMatrix(J), cost: cost, solver: .osborneCyclic, options: options)
        #expect(fast.path.count == fast.iterations + 1)
        #expect(fast.path.count == general.path.count)
        for (a, b) in zip(fast.path, general.path) { #expect(abs(a.cost - b.cost) <= 1e-12 * b.cost) }
        #expect(fast.path.allSatisfy { $0.weights?.count == 400 })
        // costs never increase along Osborne sweeps (each step is an exact coordinate minimisation)
        for (a, b) in zip(fast.path, fast.path.dropFirst()) { #expect(b.cost <= a.cost * (1 + 1e-14)) }
    }

    @Test("maxIterations stops the sweeps and reports the exact |g|/C of the last point")
    func maxIterationsReportsTheLastPoint() throws {
        let J = randomMatrix(40, seed: 11, scale: 3)
        let cost = try CostModel()
        let result = try balance(J, cost: cost, solver: .osborneCyclic, options: BalancingOptions(tolerance: 1e-14, maxIterations: 2))
        #expect(result.iterations == 2)
        #expect(!result.converged)
        let exact = try relativeImbalance(result.balancedWeights, cost)
        #expect(abs(result.relativeImbalance - exact) <= 1e-9 * exact)
    }
}
