import Foundation
import Testing
import SynapticBalancing

@Suite("sparse storage and unbounded optima")
struct SparseTests {
    @Test("CSR validation names the problem")
    func validation() throws {
        #expect(throws: BalancingError.shapeMismatch("rowStart has 2 entries, expected 3 (rows + 1)")) {
            try SparseMatrix(rows: 2, columns: 2, rowStart: [0, 1], columnIndex: [0], values: [1])
        }
        #expect(throws: BalancingError.shapeMismatch("column index 5 at entry 0 (row 0) is outside 0..<2")) {
            try SparseMatrix(rows: 2, columns: 2, rowStart: [0, 1, 1], columnIndex: [5], values: [1])
        }
        #expect(throws: BalancingError.shapeMismatch("column indices in row 0 are not strictly increasing at entry 1")) {
            try SparseMatrix(rows: 2, columns: 2, rowStart: [0, 2, 2], columnIndex: [1, 1], values: [1, 2])
        }
        #expect(throws: BalancingError.nonFinite(field: "values", index: 1)) {
            try SparseMatrix(rows: 2, columns: 2, rowStart: [0, 1, 2], columnIndex: [1, 0], values: [1, .nan])
        }
        let dense = try DenseMatrix([[0, 2, 0], [1, 0, 3], [0, 0, 4]])
        let sparse = SparseMatrix(dense)
        #expect(sparse.nonzeroCount == 4 && sparse.dense == dense && sparse[1, 2] == 3 && sparse[0, 0] == 0)
    }

    @Test("sparse and dense solvers agree (Newton with Cholesky and with CG, Osborne, flows)")
    func sparseMatchesDense() throws {
        let j = randomMatrix(40, seed: 31, density: 0.15)
        let sparse = SparseMatrix(j)
        let model = try CostModel(exponent: 2, weighting: .presynaptic((0..<40).map { 0.5 + Double($0 % 5) / 4 }))
        let reference = try balance(j, cost: model, solver: .newton)
        var cgOptions = BalancingOptions()
        cgOptions.newtonLinearSolver = .conjugateGradient
        #expect(reference.unboundedSynapses.count == (try balance(sparse, cost: model, solver: .newton).unboundedSynapses.count))
        for (solver, options) in [(BalancingSolver.newton, BalancingOptions()), (.newton, cgOptions), (.osborneCyclic, BalancingOptions()),
                                  (.osborneRandomized(seed: 5), BalancingOptions()),
                                  (.flow(.dormandPrince(relativeTolerance: 1e-12), .weightsAndLogScales), BalancingOptions())] {
            let r = try balance(sparse, cost: model, solver: solver, options: options)
            #expect(r.converged, "\(solver)")
            #expect(r.unboundedSynapses == reference.unboundedSynapses)
            #expect(maxAbsDifference(r.logScales, reference.logScales) < 1e-7, "\(solver)")
            #expect(maxAbsDifference(r.balancedWeights.dense.elements, reference.balancedWeights.elements) < 1e-7, "\(solver)")
            #expect(try model.imbalance(of: r.balancedWeights) == (try model.imbalance(of: r.balancedWeights.dense)))
        }
    }

    @Test("two 3-cycles joined by one synapse: that synapse is set aside, each cycle is balanced")
    func twoComponents() throws {
        var j = DenseMatrix(rows: 6, columns: 6)
        j[1, 0] = 1; j[2, 1] = 2; j[0, 2] = 3       // cycle 0 -> 1 -> 2 -> 0
        j[4, 3] = 0.5; j[5, 4] = 1; j[3, 5] = 4     // cycle 3 -> 4 -> 5 -> 3
        j[3, 2] = 10                                 // 2 -> 3, on no cycle
        let model = try CostModel()
        let first = pow(1.0 * 4 * 9, 1.0 / 3), second = pow(0.25 * 1 * 16, 1.0 / 3)
        for solver in SolverTests.solvers {
            let r = try balance(j, cost: model, solver: solver)
            #expect(r.unboundedSynapses == [SynapseIndex(post: 3, pre: 2)])
            #expect(r.unboundedNeurons == [2, 3])
            // never worse than the input, on the orbit, the infimum over the input's orbit
            #expect(r.finalCost <= r.initialCost, "\(solver)")
            #expect(abs(r.infimumCost - 3 * (first + second)) < 1e-8, "\(solver)")
            #expect(abs(r.insideCost + r.crossCost - r.finalCost) <= 1e-12 * r.finalCost, "\(solver)")
            if case .flow = solver { continue }  // flows follow the flow: the cost 2 -> 3 decays like 1/t
            #expect(r.converged)
            let c = try model.costs(of: r.balancedWeights)
            for (a, b) in [(1, 0), (2, 1), (0, 2)] { #expect(abs(c[a, b] - first) < 1e-8, "\(solver)") }
            for (a, b) in [(4, 3), (5, 4), (3, 5)] { #expect(abs(c[a, b] - second) < 1e-8, "\(solver)") }
            // the offset between the cycles uses the whole spread bound: the synapse 2 -> 3 then costs
            // 100 e^{2 (h_2 - h_3)}, with h_3 - h_2 the bound S plus the spread each cycle needs
            let spread = r.logScales.max()! - r.logScales.min()!
            #expect(spread <= r.maxLogScaleSpread + 2 + 1e-9)
            #expect(abs(r.crossCost - c[3, 2]) <= 1e-12 * c[3, 2] && c[3, 2] < 100 * exp(-2 * r.maxLogScaleSpread + 4))
        }
        var strict = BalancingOptions()
        strict.unboundedPolicy = .reject
        do {
            _ = try balance(j, cost: model, solver: .osborneCyclic, options: strict)
            Issue.record("expected unboundedOptimum")
        } catch let error as BalancingError {
            #expect(error == .unboundedOptimum(neurons: [2, 3], synapses: [SynapseIndex(post: 3, pre: 2)]))
            #expect(error.description.contains("2->3"))
        }
    }

    @Test("a 100 000-neuron chain (every synapse on no cycle) and ring: iterative Tarjan, no recursion")
    func longChainAndRing() throws {
        let n = 100_000
        // chain i -> i + 1: row i + 1 has column i
        var rowStart = [0]
        var columns: [Int32] = []
        for i in 0..<n {
            if i > 0 { columns.append(Int32(i - 1)) }
            rowStart.append(columns.count)
        }
        let chain = try SparseMatrix(rows: n, columns: n, rowStart: rowStart, columnIndex: columns,
                                     values: [Double](repeating: 1, count: columns.count))
        let r = try balance(chain, cost: CostModel(), solver: .newton)
        #expect(r.unboundedSynapses.count == n - 1)
        // nothing to balance inside (all singletons): the offsets spread the chain over the bound
        #expect(r.infimumCost == 0 && r.converged && r.finalCost < r.initialCost)
        #expect(r.logScales.max()! - r.logScales.min()! <= r.maxLogScaleSpread * (1 + 1e-12))
        // a 100 000-neuron ring is one strongly connected component (DFS depth n): nothing set aside
        var ringColumns = [Int32(n - 1)] + columns
        var ringStart = [0] + rowStart.dropFirst().map { $0 + 1 }
        let bigRing = try SparseMatrix(rows: n, columns: n, rowStart: ringStart, columnIndex: ringColumns,
                                       values: [Double](repeating: 1, count: n))
        var noSteps = BalancingOptions()
        noSteps.maxIterations = 0
        #expect(try balance(bigRing, cost: CostModel(), solver: .osborneCyclic, options: noSteps).unboundedSynapses.isEmpty)
        // a 100-neuron ring with varying weights: balanced costs all equal the geometric mean
        let m = 100
        ringColumns = [Int32(m - 1)]
        ringStart = [0, 1]
        var values = [2.0]
        for i in 1..<m { ringColumns.append(Int32(i - 1)); values.append(1 + Double(i % 7) / 7); ringStart.append(ringColumns.count) }
        let ring = try SparseMatrix(rows: m, columns: m, rowStart: ringStart, columnIndex: ringColumns, values: values)
        let logMean = values.map { 2 * log($0) }.reduce(0, +) / Double(m)
        for solver in [BalancingSolver.newton, .osborneCyclic] {
            var options = BalancingOptions()
            options.tolerance = 1e-12
            let balanced = try balance(ring, cost: CostModel(), solver: solver, options: options)
            #expect(balanced.unboundedSynapses.isEmpty)
            #expect(balanced.converged, "\(solver)")
            let costs = try CostModel().costs(of: balanced.balancedWeights).values
            #expect(costs.allSatisfy { abs(log($0) - logMean) < 1e-8 }, "\(solver)")
        }
    }
}
