import RealModule

/// Balances a sparse J (CSR), as `balance(_:cost:solver:options:)` does for dense J, in memory linear in
/// the number of synapses (Int32 column indices, no dense N x N arrays; Newton uses conjugate gradients
/// for N > 256 unless `options.newtonLinearSolver` says otherwise).
public func balance(_ J: SparseMatrix, cost: CostModel, solver: BalancingSolver,
                    options: BalancingOptions = BalancingOptions()) throws -> SparseBalancingResult {
    try cost.validate(J)
    let n = J.rows
    let graph = try makeCostGraph(n: n, rowStart: J.rowStart, column: J.columnIndex, values: J.values,
                                  cost: cost, solver: solver, options: options)
    let output = try runSolver(graph, solver: solver, options: options)
    let h = output.logScales
    if let k = h.firstIndex(where: { !$0.isFinite }) {
        throw BalancingError.didNotConverge("solver produced a non-finite log scale h[\(k)]")
    }
    func weights(logScales h: [Double], integrated: [Double]?) -> [Double] {
        // J_ij d_j (1 / d_i), d = e^h, as RecurrentNetwork.transformed(byScales:) computes it
        var values = J.values
        let d = h.map { Double.exp($0) }
        for i in 0..<n {
            let inv = 1 / d[i]
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                let j = Int(J.columnIndex[k])
                if j != i { values[k] = values[k] * d[j] * inv }
            }
        }
        if let integrated {
            // kept synapses appear in the same row order as in J (zeros and diagonal skipped)
            for i in 0..<n {
                var k = J.rowStart[i]
                for e in graph.rowStart[i]..<graph.rowStart[i + 1] {
                    let j = graph.column[e]
                    while J.columnIndex[k] != j { k += 1 }
                    values[k] = integrated[e]
                }
            }
        }
        return values
    }
    var balanced = J
    balanced.values = weights(logScales: h, integrated: output.integratedWeights)
    var path = output.path
    if options.recordPath && options.recordWeights {
        for index in path.indices {
            let integrated = output.pathWeights.isEmpty ? nil : output.pathWeights[index]
            path[index].weights = weights(logScales: path[index].logScales, integrated: integrated)
        }
    }
    let finalCost = try cost.totalCost(of: balanced)
    guard finalCost.isFinite else { throw BalancingError.didNotConverge("the balanced cost overflowed") }
    return SparseBalancingResult(
        logScales: h, balancedWeights: balanced, initialCost: try cost.totalCost(of: J), finalCost: finalCost,
        relativeImbalance: output.relativeImbalance, iterations: output.iterations, path: path,
        unboundedSynapses: graph.setAside, converged: output.converged,
        infimumCost: try infimumCost(graph: graph, output: output, n: n, rowStart: J.rowStart, column: J.columnIndex,
                                     values: J.values, cost: cost, options: options),
        unboundedNeurons: graph.setAsideNeurons)
}
