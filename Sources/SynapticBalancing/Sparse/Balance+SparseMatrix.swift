import RealModule

/// Balances a sparse J (CSR), as `balance(_:cost:solver:options:)` does for dense J, in memory linear in
/// the number of synapses (Int32 column indices, no dense N x N arrays; Newton uses conjugate gradients
/// for N > 256 unless `options.newtonLinearSolver` says otherwise). Reducible networks are handled as in
/// the dense front end (docs/reducible-networks.md).
///
/// - Parameters:
///   - J: the recurrent weights in CSR, row = postsynaptic neuron.
///   - cost: the cost model.
///   - solver: the solver.
///   - options: tolerances, budgets, recording and the spread bound.
/// - Returns: h, D^-1 J D in the same CSR structure, and the report.
/// - Throws: `BalancingError` for invalid input or a run that failed.
public func balance(_ J: consuming SparseMatrix, cost: CostModel, solver: BalancingSolver,
                    options: BalancingOptions = BalancingOptions()) throws -> SparseBalancingResult {
    try cost.validate(J)
    let n = J.rows
    let solution = try solveOnOrbit(n: n, rowStart: J.rowStart, column: J.columnIndex, values: J.values,
                                    cost: cost, solver: solver, options: options)
    let graph = solution.graph, output = solution.output
    let h = solution.logScales
    /// J_ij d_j (1 / d_i), d = e^h, in place, as RecurrentNetwork.transformed(byScales:) computes it;
    /// then the integrated weights of the kept synapses for the (J, h) flow.
    func transform(_ values: inout [Double], rowStart: [Int], columnIndex: [Int32], logScales h: [Double], integrated: [Double]?) {
        let d = h.map { Double.exp($0) }
        for i in 0..<n {
            let inv = 1 / d[i]
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(columnIndex[k])
                if j != i { values[k] = values[k] * d[j] * inv }
            }
        }
        if let integrated {
            // kept synapses appear in the same row order as in J (zeros, alpha = 0 and diagonal skipped)
            for i in 0..<n {
                var k = rowStart[i]
                for e in graph.rowStart[i]..<graph.rowStart[i + 1] {
                    let j = graph.column[e]
                    while columnIndex[k] != j { k += 1 }
                    values[k] = integrated[e]
                }
            }
        }
    }
    var path = solution.path
    if options.recordPath && options.recordWeights {
        for index in path.indices {
            let integrated = output.pathWeights.isEmpty ? nil : output.pathWeights[index]
            var values = J.values
            transform(&values, rowStart: J.rowStart, columnIndex: J.columnIndex, logScales: path[index].logScales, integrated: integrated)
            path[index].weights = values
        }
    }
    // D^-1 J D in J's own storage: a caller that hands over its only reference (`consume`) pays for no
    // second copy of the weights
    var balanced = consume J
    let rowStart = balanced.rowStart, columnIndex = balanced.columnIndex
    transform(&balanced.values, rowStart: rowStart, columnIndex: columnIndex, logScales: h, integrated: output.integratedWeights)
    let (finalCost, finalLogCost) = try solution.finalCost { try cost.totalCost(of: balanced) }
    var result = SparseBalancingResult(
        logScales: h, balancedWeights: balanced, initialCost: solution.initialCost.inside.value + solution.initialCost.cross.value,
        finalCost: finalCost, relativeImbalance: solution.relativeImbalance, iterations: output.iterations, path: path,
        unboundedSynapses: graph.setAside, converged: solution.converged, infimumCost: solution.infimumCost,
        unboundedNeurons: graph.setAsideNeurons, insideCost: solution.costs.inside.value,
        crossCost: solution.costs.cross.value, maxLogScaleSpread: solution.spreadBound)
    result.initialLogCost = solution.initialCost.logTotal
    result.finalLogCost = finalLogCost
    return result
}
