import RealModule
/// Runs the chosen solver on a cost graph.
func runSolver(_ graph: CostGraph, solver: BalancingSolver, options: BalancingOptions) throws -> SolverOutput {
    switch solver {
    case .newton: return try NewtonSolver(graph: graph, options: options).run()
    case .osborneCyclic: return try OsborneSolver(graph: graph, options: options, seed: nil).run()
    case let .osborneRandomized(seed): return try OsborneSolver(graph: graph, options: options, seed: seed).run()
    case let .flow(integrator, form): return try FlowSolver(graph: graph, options: options, integrator: integrator, form: form).run()
    }
}

/// Builds the cost graph for CSR input and applies the unbounded-optimum policy.
func makeCostGraph(n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel,
                   solver: BalancingSolver, options: BalancingOptions) throws -> CostGraph {
    try options.validate()
    try cost.validate(neuronCount: n)
    var keepAll = false
    if case .flow = solver, options.unboundedPolicy == .followFlow { keepAll = true }
    let graph = try CostGraph(n: n, rowStart: rowStart, column: column, values: values, cost: cost, keepAll: keepAll)
    if options.unboundedPolicy == .reject && !graph.setAside.isEmpty {
        throw BalancingError.unboundedOptimum(neurons: graph.setAsideNeurons, synapses: graph.setAside)
    }
    return graph
}

/// Balances J: finds log scales h with g(h) = 0 for the cost model (MATH.md "Balance condition and
/// optimum"), by Newton, Osborne sweeps or a flow integrator, and returns h and D^-1 J D.
///
/// When some synapses lie on no directed cycle (they join different strongly connected components of
/// the support graph) the cost has no finite minimiser. With `options.unboundedPolicy`:
/// `.balanceFinitePart` (default) sets them aside, balances every strongly connected component and lists
/// them in `unboundedSynapses` (their weights in `balancedWeights` are J0_ij e^{h_j - h_i} at the returned
/// h; `infimumCost` is the cost they tend to as they decay); `.reject` throws `unboundedOptimum`;
/// `.followFlow` lets a flow integrate the full rule.
public func balance(_ J: DenseMatrix, cost: CostModel, solver: BalancingSolver,
                    options: BalancingOptions = BalancingOptions()) throws -> BalancingResult {
    try cost.validate(J)
    if let result = try balanceByDenseOsborne(J, cost: cost, solver: solver, options: options) { return result }
    let n = J.rows
    let sparse = SparseMatrix(J)
    let graph = try makeCostGraph(n: n, rowStart: sparse.rowStart, column: sparse.columnIndex, values: sparse.values,
                                  cost: cost, solver: solver, options: options)
    let output = try runSolver(graph, solver: solver, options: options)
    let h = output.logScales
    if let k = h.firstIndex(where: { !$0.isFinite }) {
        throw BalancingError.didNotConverge("solver produced a non-finite log scale h[\(k)]")
    }
    // D^-1 J0 D, with the integrated weights of the kept synapses for the (J, h) flow
    func weights(logScales h: [Double], integrated: [Double]?) -> DenseMatrix {
        var b = orbitWeights(J, logScales: h)
        if let integrated {
            for i in 0..<n {
                for k in graph.rowStart[i]..<graph.rowStart[i + 1] { b.elements[i * n + Int(graph.column[k])] = integrated[k] }
            }
        }
        return b
    }
    let balanced = weights(logScales: h, integrated: output.integratedWeights)
    var path = output.path
    if options.recordPath && options.recordWeights {
        for index in path.indices {
            let integrated = output.pathWeights.isEmpty ? nil : output.pathWeights[index]
            path[index].weights = weights(logScales: path[index].logScales, integrated: integrated).elements
        }
    }
    let initialCost = try cost.totalCost(of: J)
    let finalCost = try cost.totalCost(of: balanced)
    guard finalCost.isFinite else { throw BalancingError.didNotConverge("the balanced cost overflowed") }
    return BalancingResult(
        logScales: h, balancedWeights: balanced, initialCost: initialCost, finalCost: finalCost,
        relativeImbalance: output.relativeImbalance, iterations: output.iterations, path: path,
        unboundedSynapses: graph.setAside, converged: output.converged,
        infimumCost: try infimumCost(graph: graph, output: output, n: n, rowStart: sparse.rowStart,
                                     column: sparse.columnIndex, values: sparse.values, cost: cost, options: options),
        unboundedNeurons: graph.setAsideNeurons)
}

/// D^-1 J D with d = e^h, the same arithmetic as RecurrentNetwork.transformed(byScales:): J_ij d_j (1 / d_i).
func orbitWeights(_ J: DenseMatrix, logScales h: [Double]) -> DenseMatrix {
    let n = J.rows
    let d = h.map { Double.exp($0) }
    let elements = [Double](unsafeUninitializedCapacity: n * n) { out, count in
        J.elements.withUnsafeBufferPointer { j0 in
            for i in 0..<n {
                let inv = 1 / d[i]
                for j in 0..<n { out[i * n + j] = j0[i * n + j] * d[j] * inv }
                out[i * n + i] = j0[i * n + i]  // the diagonal is invariant
            }
        }
        count = n * n
    }
    return DenseMatrix(rows: n, columns: n, uncheckedElements: elements)
}

/// The dense fast path for the Osborne solvers (`DenseOsborneSolver`): nil when it does not apply (another
/// solver, a support that is not strongly connected, scales too spread for s = e^{p h}), and the general path
/// then runs. Same iteration, result fields and conventions as the general path on such networks.
func balanceByDenseOsborne(_ J: DenseMatrix, cost: CostModel, solver: BalancingSolver,
                           options: BalancingOptions) throws -> BalancingResult? {
    let seed: UInt64?
    switch solver {
    case .osborneCyclic: seed = nil
    case let .osborneRandomized(s): seed = s
    default: return nil
    }
    try options.validate()
    try cost.validate(neuronCount: J.rows)
    guard let dense = DenseOsborneSolver(J, cost: cost),
          let output = try dense.run(options: options, seed: seed) else { return nil }
    let h = output.logScales
    if let k = h.firstIndex(where: { !$0.isFinite }) {
        throw BalancingError.didNotConverge("solver produced a non-finite log scale h[\(k)]")
    }
    let balanced = orbitWeights(J, logScales: h)
    var path = output.path
    if options.recordPath && options.recordWeights {
        for index in path.indices { path[index].weights = orbitWeights(J, logScales: path[index].logScales).elements }
    }
    let finalCost: Double
    if cost.exponent == 2, cost.weighting == .uniform {
        finalCost = balanced.elements.withUnsafeBufferPointer { DenseKernels.dot($0.baseAddress!, $0.baseAddress!, $0.count) }
    } else {
        finalCost = try cost.totalCost(of: balanced)
    }
    guard finalCost.isFinite else { throw BalancingError.didNotConverge("the balanced cost overflowed") }
    return BalancingResult(
        logScales: h, balancedWeights: balanced, initialCost: dense.initialCost, finalCost: finalCost,
        relativeImbalance: output.relativeImbalance, iterations: output.iterations, path: path,
        unboundedSynapses: [], converged: output.converged, infimumCost: output.finalCost, unboundedNeurons: [])
}

extension RecurrentNetwork {
    /// Balances J and applies the task-preserving transform to J, W_in, W_out and b (MATH.md
    /// "Task-preserving transform"). Refuses tanh (`nonHomogeneousNonlinearity`). States map as
    /// x~ = e^{-h} x (see `transformedState(_:byLogScales:)`). For the (J, h) flow the network is rebuilt
    /// from h (on the orbit); the integrated J is in `result.balancedWeights`.
    public func balanced(cost: CostModel, solver: BalancingSolver,
                         options: BalancingOptions = BalancingOptions()) throws -> (network: RecurrentNetwork, result: BalancingResult) {
        guard nonlinearity.isPositivelyHomogeneous else {
            throw BalancingError.nonHomogeneousNonlinearity(
                "\(nonlinearity.name) is not positively homogeneous: balancing would change the network's task")
        }
        let result = try balance(recurrentWeights, cost: cost, solver: solver, options: options)
        return (try transformed(byLogScales: result.logScales), result)
    }
}

/// The infimum of C over the orbit: the balanced cost of the finite part plus the diagonal. When a
/// `.followFlow` run kept synapses that lie on no cycle, the finite part is balanced separately by Newton.
func infimumCost(graph: CostGraph, output: SolverOutput, n: Int, rowStart: [Int], column: [Int32], values: [Double],
                 cost: CostModel, options: BalancingOptions) throws -> Double {
    guard !graph.setAside.isEmpty, graph.keptAll else { return output.finalCost }
    let finite = try CostGraph(n: n, rowStart: rowStart, column: column, values: values, cost: cost, keepAll: false)
    var newtonOptions = BalancingOptions()
    newtonOptions.tolerance = max(options.tolerance, 1e-12)
    return try NewtonSolver(graph: finite, options: newtonOptions).run().finalCost
}
