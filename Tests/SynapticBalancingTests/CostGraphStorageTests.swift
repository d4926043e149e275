import Testing
@testable import SynapticBalancing

/// The cost graph's storage: it shares the input's column array unless an entry must be dropped, keeps
/// diagonal synapses as zero-cost self-loops (which change no sum and no component), and the Osborne
/// sweep's in-place outgoing sums agree with a fresh evaluation.
@Suite("cost graph storage")
struct CostGraphStorageTests {
    /// A strongly connected J (ring plus random synapses), with a self-loop on every third neuron.
    static func network(_ n: Int, seed: UInt64, selfLoops: Bool) -> SparseMatrix {
        var J = randomMatrix(n, seed: seed, density: 0.3)
        for i in 0..<n {
            if J[(i + 1) % n, i] == 0 { J[(i + 1) % n, i] = 0.7 }
            J[i, i] = selfLoops && i % 3 == 0 ? 0.4 + Double(i) : 0
        }
        return SparseMatrix(J)
    }

    static func baseAddress(_ a: [Int32]) -> UnsafeRawPointer? { a.withUnsafeBytes { $0.baseAddress } }

    @Test("self-loops stay in place at cost 0: the input's columns are shared and every sum equals the graph without them")
    func selfLoopsShareColumns() throws {
        let cost = try CostModel()
        let n = 40
        let with = Self.network(n, seed: 7, selfLoops: true), without = Self.network(n, seed: 7, selfLoops: false)
        let a = try CostGraph(n: n, rowStart: with.rowStart, column: with.columnIndex, values: with.values, cost: cost, keepAll: false)
        let b = try CostGraph(n: n, rowStart: without.rowStart, column: without.columnIndex, values: without.values, cost: cost, keepAll: false)
        #expect(Self.baseAddress(a.column) == Self.baseAddress(with.columnIndex), "the column array was copied")
        #expect(a.edgeCount == with.values.count && b.edgeCount == without.values.count && a.edgeCount > b.edgeCount)
        #expect(a.diagonalCost == (0..<n).reduce(0) { $0 + with[$1, $1] * with[$1, $1] } && b.diagonalCost == 0)
        #expect(a.componentOf == b.componentOf && a.strongComponent == b.strongComponent && a.setAside == b.setAside)
        var uniform = SeededGenerator(seed: 11)
        let h = (0..<n).map { _ in uniform.nextUniform() - 0.5 }
        var ga = [Double](repeating: 0, count: n), gb = ga, sa = ga, sb = ga, oa = ga, ob = ga
        let ta = a.imbalance(logScales: h, imbalance: &ga, scratch: &sa, outgoingOverScale: &oa)
        let tb = b.imbalance(logScales: h, imbalance: &gb, scratch: &sb, outgoingOverScale: &ob)
        // the same terms in the same order, plus exact zeros: bitwise equal
        #expect(ta == tb && ga == gb && oa == ob)
        // the same sweeps (|g| / C counts the invariant diagonal cost in C, so compare a fixed number of sweeps)
        var sweeps = BalancingOptions()
        sweeps.tolerance = 0
        sweeps.maxIterations = 10
        let x = try balance(with, cost: cost, solver: .osborneCyclic, options: sweeps)
        let y = try balance(without, cost: cost, solver: .osborneCyclic, options: sweeps)
        #expect(x.logScales == y.logScales, "\(maxAbsDifference(x.logScales, y.logScales))")
        #expect(x.iterations == 10 && y.iterations == 10)
    }

    @Test("a dropped entry (an explicit zero) copies the columns; weights kept for the (J, h) flow drop the self-loops")
    func copiesWhenEntriesAreDropped() throws {
        let cost = try CostModel()
        let n = 12
        var with = Self.network(n, seed: 3, selfLoops: true)
        let flow = try CostGraph(n: n, rowStart: with.rowStart, column: with.columnIndex, values: with.values, cost: cost,
                                 keepAll: true, keepWeights: true)
        let diagonal = (0..<n).filter { with[$0, $0] != 0 }.count
        #expect(flow.edgeCount == with.values.count - diagonal && flow.weight.count == flow.edgeCount)
        #expect(!zip(0..<n, 0..<n).contains { i, _ in (flow.rowStart[i]..<flow.rowStart[i + 1]).contains { Int(flow.column[$0]) == i } })
        with.values[1] = 0  // an explicit zero is not a synapse
        let zero = try CostGraph(n: n, rowStart: with.rowStart, column: with.columnIndex, values: with.values, cost: cost, keepAll: false)
        #expect(zero.edgeCount == with.values.count - 1)
        #expect(Self.baseAddress(zero.column) != Self.baseAddress(with.columnIndex))
    }

    @Test("costs beyond Double (log form) drop the self-loops before the log-domain pre-balance")
    func logFormDropsSelfLoops() throws {
        let cost = try CostModel()
        let J = SparseMatrix(try DenseMatrix([[5, 1e170, 0], [1e-170, 2, 1], [0, 1, 0]]))
        let graph = try CostGraph(n: 3, rowStart: J.rowStart, column: J.columnIndex, values: J.values, cost: cost, keepAll: false)
        #expect(graph.edgeCount == 4 && graph.logBaseCost?.count == 4)
        #expect(graph.logBaseCost?.allSatisfy { $0.isFinite } == true)
        let result = try balance(J, cost: cost, solver: .osborneCyclic)
        #expect(result.converged && result.balancedWeights[0, 0] == 5 && result.balancedWeights[1, 1] == 2)
    }
}
