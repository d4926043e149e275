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

/// Builds the cost graph for CSR input and applies the unbounded-optimum policy. Flows always keep
/// every synapse: they follow the flow (docs/reducible-networks.md), never a re-gauged point.
func makeCostGraph(n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel,
                   solver: BalancingSolver, options: BalancingOptions) throws -> CostGraph {
    try options.validate()
    try cost.validate(neuronCount: n)
    var keepAll = false, keepWeights = false
    if case let .flow(_, form) = solver {
        keepAll = options.unboundedPolicy != .reject
        keepWeights = form == .weightsAndLogScales
    }
    let graph = try CostGraph(n: n, rowStart: rowStart, column: column, values: values, cost: cost, keepAll: keepAll,
                              keepWeights: keepWeights)
    if options.unboundedPolicy == .reject && !graph.setAside.isEmpty {
        throw BalancingError.unboundedOptimum(neurons: graph.setAsideNeurons, synapses: graph.setAside)
    }
    return graph
}

/// What the dense and sparse front ends share: h on the input's orbit and what is known of it.
struct OrbitSolution {
    var logScales: [Double]
    var output: SolverOutput
    var graph: CostGraph
    var converged: Bool
    var costs: OrbitCosts
    var initialCost: OrbitCosts
    var infimumCost: Double
    var spreadBound: Double
    var relativeImbalance: Double
    /// What was added to the solver's last h to reach the returned h (component offsets and the gauge, a
    /// constant on each strongly connected component); added to every recorded point too, so the path
    /// ends at the returned point. Nil when the returned point is not a shift of the solver's (a flow, or
    /// the fallback search on lambda h).
    var pathShift: [Double]? = nil
}

extension OrbitSolution {
    /// The solver's recorded path, each point's h made absolute (the log-domain pre-balance added).
    var path: [PathPoint] {
        guard graph.prescale != nil || pathShift != nil else { return output.path }
        return output.path.map { point in
            var point = point
            if let h0 = graph.prescale { for i in point.logScales.indices { point.logScales[i] += h0[i] } }
            if let shift = pathShift { for i in point.logScales.indices { point.logScales[i] += shift[i] } }
            return point
        }
    }

    /// C of the written network: from the orbit costs, or for the (J, h) flow the cost of the integrated J.
    func finalCost(integratedCost: () throws -> Double) rethrows -> (cost: Double, logCost: Double) {
        guard output.integratedWeights != nil else { return (costs.inside.value + costs.cross.value, costs.logTotal) }
        let c = try integratedCost()
        return (c, Double.log(c))
    }
}

/// Cost inside strongly connected components (diagonal included) and on the synapses between them,
/// summed so that no magnitude under- or overflows (`LogSum`).
struct OrbitCosts {
    var inside = LogSum()
    var cross = LogSum()
    var logTotal: Double {
        var total = LogSum()
        total.add(logOf: inside.logValue); total.add(logOf: cross.logValue)
        return total.logValue
    }

    /// The costs of D^-1 J D, d = e^h, from CSR input J: c_ij(h) = alpha_ij |J_ij e^{h_j - h_i}|^p.
    init(n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel, component: [Int32], logScales h: [Double]?) {
        let p = cost.exponent
        for i in 0..<n {
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(column[k])
                let v0 = values[k]
                if v0 == 0 { continue }
                let a = cost.alpha(i, j, n)
                if a == 0 { continue }
                let shift = (h == nil || i == j) ? 0 : h![j] - h![i]
                let v = shift == 0 ? v0 : v0 * Double.exp(shift)  // the input's own costs need no exp
                let c = a * cost.power(v)
                let same = component[i] == component[j]
                if c.isFinite && c >= Double.leastNormalMagnitude {
                    if same { inside.add(c) } else { cross.add(c) }
                } else {
                    let l = CostGraph.logCost(alpha: a, weight: v0, exponent: p) + p * shift
                    if same { inside.add(logOf: l) } else { cross.add(logOf: l) }
                }
            }
        }
    }
}

/// |g| / C of D^-1 J D over every synapse of the support (diagonal in C), from log-costs shifted by their
/// maximum, so that the ratio is right when the costs themselves under- or overflow; 0 without cost.
func scaledRelativeImbalance(n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel,
                             logScales h: [Double]) -> Double {
    let p = cost.exponent
    var post: [Int] = [], pre: [Int] = [], logC: [Double] = []
    for i in 0..<n {
        for k in rowStart[i]..<rowStart[i + 1] {
            let j = Int(column[k])
            let a = cost.alpha(i, j, n)
            guard values[k] != 0, a != 0 else { continue }
            post.append(i); pre.append(j)
            logC.append(CostGraph.logCost(alpha: a, weight: values[k], exponent: p) + (i == j ? 0 : p * (h[j] - h[i])))
        }
    }
    guard let top = logC.max() else { return 0 }
    var g = [Double](repeating: 0, count: n)
    var total = 0.0
    for e in logC.indices {
        let c = Double.exp(logC[e] - top)
        total += c
        if post[e] != pre[e] { g[post[e]] += c; g[pre[e]] -= c }
    }
    return total > 0 ? euclideanNorm(g) / total : 0
}

/// The largest log-scale spread S that `options` allows and that keeps every synapse between components,
/// scaled by at most e^{S}, a normal Double: min(options bound, 700 - ln max|J_ij|, ln min|J_ij| + 700).
func effectiveSpreadBound(_ options: BalancingOptions, values: [Double]) -> Double {
    var bound = options.maxLogScaleSpread
    var largest = 0.0, smallest = Double.infinity
    for v in values where v != 0 { let a = Swift.abs(v); largest = Swift.max(largest, a); smallest = Swift.min(smallest, a) }
    if largest > 0 {
        bound = Swift.min(bound, 700 - Double.log(largest), Double.log(smallest) + 700)
    }
    return Swift.max(bound, 0)
}

/// Balances on the orbit of CSR input J (docs/reducible-networks.md): the solver balances every strongly
/// connected component; Newton and Osborne then place the components' offsets within the spread bound
/// (`ComponentOffsets`), while flows keep the point they reached. The written network never costs more
/// than the input: should the offsets fail to reach that (a tight spread bound), the best point of the
/// segment from h = 0 to the solution is taken instead, and the run is not called converged.
func solveOnOrbit(n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel,
                  solver: BalancingSolver, options: BalancingOptions) throws -> OrbitSolution {
    var graph = try makeCostGraph(n: n, rowStart: rowStart, column: column, values: values,
                                  cost: cost, solver: solver, options: options)
    let isFlow: Bool
    if case .flow = solver { isFlow = true } else { isFlow = false }
    let spread = effectiveSpreadBound(options, values: values)
    // Flows stop at the spread bound: S beyond what balancing the components needs (from a Newton solve of
    // the components, which also gives the infimum), and always before a weight could leave Double's range.
    var finiteSolution: [Double]?
    var solverOptions = options
    if isFlow {
        var unbounded = options
        unbounded.maxLogScaleSpread = .greatestFiniteMagnitude
        var limit = effectiveSpreadBound(unbounded, values: values)
        // (should Newton fail on the components, the flow still runs, bounded by Double's range alone)
        if let finite = try? CostGraph(n: n, rowStart: rowStart, column: column, values: values, cost: cost, keepAll: false),
           let newton = try? NewtonSolver(graph: finite, options: BalancingOptions(tolerance: Swift.max(options.tolerance, 1e-12))).run() {
            var hn = newton.logScales
            if let h0 = finite.prescale { for i in 0..<n { hn[i] += h0[i] } }
            finiteSolution = hn
        }
        if let hn = finiteSolution, !graph.setAside.isEmpty {
            var low = [Double](repeating: .infinity, count: graph.strongComponentCount)
            var high = [Double](repeating: -.infinity, count: graph.strongComponentCount)
            for i in 0..<n {
                let k = Int(graph.strongComponent[i])
                low[k] = Swift.min(low[k], hn[i]); high[k] = Swift.max(high[k], hn[i])
            }
            let widest = zip(low, high).map { $1 - $0 }.max() ?? 0
            limit = Swift.min(limit, spread + widest)
        }
        solverOptions.flowLogScaleSpreadLimit = limit
    }
    let output = try runSolver(graph, solver: solver, options: solverOptions)
    // the front ends map integrated weights back through the graph's CSR; otherwise its per-synapse
    // arrays are done with, and freeing them now keeps the peak at J plus one cost per synapse
    if output.integratedWeights == nil { graph.releaseSynapseArrays() }
    var h = output.logScales
    if let h0 = graph.prescale { for i in 0..<n { h[i] += h0[i] } }
    if let k = h.firstIndex(where: { !$0.isFinite }) {
        throw BalancingError.didNotConverge("solver produced a non-finite log scale h[\(k)]")
    }
    let solverPoint = h
    var shiftsSolverPoint = !isFlow
    var converged = output.converged
    var relativeImbalance = output.relativeImbalance
    if isFlow && output.integratedWeights == nil {
        // a flow towards infinity can drive its own cost evaluation below Double's range: judge its point
        // by |g|/C computed in scaled form (every synapse kept)
        relativeImbalance = scaledRelativeImbalance(n: n, rowStart: rowStart, column: column, values: values, cost: cost, logScales: h)
        converged = relativeImbalance <= options.tolerance
    } else if !isFlow && graph.keptAll && graph.prescale != nil && graph.componentCount > 1 {
        // the solver judged |g|/C on costs rescaled by one factor per connected component, which is not
        // the network's |g|/C when there are several: judge the returned point on the network itself
        relativeImbalance = scaledRelativeImbalance(n: n, rowStart: rowStart, column: column, values: values, cost: cost, logScales: h)
        converged = converged && relativeImbalance <= options.tolerance
    }
    if !graph.keptAll && !isFlow {
        let offsets = ComponentOffsets(component: graph.strongComponent, count: graph.strongComponentCount, inside: h,
                                       crossPost: graph.setAside.map(\.post), crossPre: graph.setAside.map(\.pre),
                                       crossLogCost: graph.crossLogCost, exponent: graph.exponent, spread: spread)
        for i in 0..<n { h[i] += offsets.offsets[Int(graph.strongComponent[i])] }
        if !offsets.fits { converged = false }
    }
    func costs(_ h: [Double]?) -> OrbitCosts {
        OrbitCosts(n: n, rowStart: rowStart, column: column, values: values, cost: cost, component: graph.strongComponent, logScales: h)
    }
    let initial = costs(nil)
    var final = costs(h)
    if final.logTotal > initial.logTotal {
        // a flow's point stays the flow's (an unstable step raised the cost: the caller sees it, not converged)
        if isFlow { converged = false }
    }
    if final.logTotal > initial.logTotal && !isFlow {
        // C(lambda h) is convex in lambda and C(0) is the input's cost: golden-section search on [0, 1]
        // (one new evaluation per step: the surviving interior point keeps its value)
        func at(_ lambda: Double) -> Double { costs(h.map { $0 * lambda }).logTotal }
        var low = 0.0, high = 1.0
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var costA = at(a), costB = at(b)
        for _ in 0..<80 {
            if costA <= costB {
                high = b; b = a; costB = costA
                a = high - ratio * (high - low); costA = at(a)
            } else {
                low = a; a = b; costA = costB
                b = low + ratio * (high - low); costB = at(b)
            }
        }
        let lambda = (low + high) / 2
        let candidate = costs(h.map { $0 * lambda })
        if candidate.logTotal <= initial.logTotal {
            h = h.map { $0 * lambda }; final = candidate
        } else {
            h = [Double](repeating: 0, count: n); final = initial
        }
        converged = false
        shiftsSolverPoint = false
    }
    // The infimum over the input's orbit: the balanced cost inside components (a flow that kept every
    // synapse, or integrated J off the orbit, has it from a separate Newton solve of the components).
    var infimum = final.inside.value
    if let hn = finiteSolution { infimum = costs(hn).inside.value }
    // The flow's gauge: mean h = 0 on each connected component of the cost graph (no cost changes).
    // With every synapse kept, the graph's connected components are those of the cost graph: no
    // second union-find over the synapses (same sums in the same order).
    if graph.keptAll { graph.centre(&h) } else { LogScaleGauge.centre(&h, n: n, rowStart: rowStart, column: column, values: values, cost: cost) }
    return OrbitSolution(logScales: h, output: output, graph: graph, converged: converged, costs: final,
                         initialCost: initial, infimumCost: infimum, spreadBound: spread, relativeImbalance: relativeImbalance,
                         pathShift: shiftsSolverPoint ? zip(h, solverPoint).map { $0 - $1 } : nil)
}

/// Balances J: finds log scales h with g(h) = 0 for the cost model (docs/reducible-networks.md), by
/// Newton, Osborne sweeps or a flow integrator, and returns h and D^-1 J D.
///
/// When some synapses lie on no directed cycle (they join different strongly connected components of
/// the support graph J_ij != 0, alpha_ij != 0) the cost has no finite minimiser: it falls towards the
/// balanced cost inside the components only as the components' log-scale offsets move apart without
/// bound. With `options.unboundedPolicy`: `.balanceFinitePart` (default) balances every strongly connected
/// component and places the offsets to minimise the total cost under `options.maxLogScaleSpread`, listing
/// those synapses in `unboundedSynapses` and reporting `insideCost`, `crossCost` and `infimumCost`;
/// `.reject` throws `unboundedOptimum`. Flows always integrate the full rule: their result is a point of
/// the flow. The balanced network never costs more than the input.
///
/// - Parameters:
///   - J: the recurrent weights, J[post, pre].
///   - cost: the cost model c_ij = alpha_ij |J_ij|^p.
///   - solver: the solver.
///   - options: tolerances, budgets, recording and the spread bound.
/// - Returns: h, D^-1 J D and the report.
/// - Throws: `BalancingError` for invalid input or a run that failed.
public func balance(_ J: DenseMatrix, cost: CostModel, solver: BalancingSolver,
                    options: BalancingOptions = BalancingOptions()) throws -> BalancingResult {
    try cost.validate(J)
    if let result = try balanceByDenseOsborne(J, cost: cost, solver: solver, options: options) { return result }
    let n = J.rows
    let sparse = SparseMatrix(J)
    let solution = try solveOnOrbit(n: n, rowStart: sparse.rowStart, column: sparse.columnIndex, values: sparse.values,
                                    cost: cost, solver: solver, options: options)
    let graph = solution.graph, output = solution.output
    let h = solution.logScales
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
    var path = solution.path
    if options.recordPath && options.recordWeights {
        for index in path.indices {
            let integrated = output.pathWeights.isEmpty ? nil : output.pathWeights[index]
            path[index].weights = weights(logScales: path[index].logScales, integrated: integrated).elements
        }
    }
    let (finalCost, finalLogCost) = try solution.finalCost { try cost.totalCost(of: balanced) }
    var result = BalancingResult(
        logScales: h, balancedWeights: balanced, initialCost: solution.initialCost.inside.value + solution.initialCost.cross.value,
        finalCost: finalCost, relativeImbalance: solution.relativeImbalance, iterations: output.iterations, path: path,
        unboundedSynapses: graph.setAside, converged: solution.converged, infimumCost: solution.infimumCost,
        unboundedNeurons: graph.setAsideNeurons, insideCost: solution.costs.inside.value,
        crossCost: solution.costs.cross.value, maxLogScaleSpread: solution.spreadBound)
    result.initialLogCost = solution.initialCost.logTotal
    result.finalLogCost = finalLogCost
    return result
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
    // the fast path works on plain costs: every cost of the support must be a normal Double
    let n = J.rows
    let plain = J.elements.withUnsafeBufferPointer { w -> Bool in
        if cost.exponent == 2, cost.weighting == .uniform {
            // c = v^2: a branch-free pass per row; a row that fails is looked at again without its diagonal
            for i in 0..<n {
                let row = w.baseAddress! + i * n
                var bad = 0
                // a synapse J_ij != 0 whose square underflows to 0 is not plain either (|J_ij| < 1.5e-162)
                for j in 0..<n { let c = row[j] * row[j]; bad |= row[j] != 0 && !CostGraph.isPlain(c) ? 1 : 0 }
                if bad != 0 && (0..<n).contains(where: { j in
                    let c = row[j] * row[j]
                    return j != i && row[j] != 0 && !CostGraph.isPlain(c)
                }) { return false }
            }
            return true
        }
        for i in 0..<n {
            for j in 0..<n where i != j {
                let v = w[i * n + j]
                if v == 0 { continue }
                let a = cost.alpha(i, j, n)
                if a == 0 { continue }
                if !CostGraph.isPlain(a * cost.power(v)) { return false }
            }
        }
        return true
    }
    if !plain { return nil }
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
        unboundedSynapses: [], converged: output.converged, infimumCost: output.finalCost, unboundedNeurons: [],
        insideCost: finalCost, crossCost: 0, maxLogScaleSpread: effectiveSpreadBound(options, values: J.elements),
        initialLogCost: Double.log(dense.initialCost), finalLogCost: Double.log(finalCost))
}

extension RecurrentNetwork {
    /// Balances J and applies the task-preserving transform to J, W_in, W_out and b (docs/math.md
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
        if case .flow(_, .weightsAndLogScales) = solver {  // balancedWeights is the integrated J, off the orbit
            return (try transformed(byLogScales: result.logScales), result)
        }
        // balancedWeights is D^-1 J D by the same products as `transformed` (orbitWeights): reuse it
        return (try transformed(byLogScales: result.logScales, recurrentWeights: result.balancedWeights), result)
    }
}
