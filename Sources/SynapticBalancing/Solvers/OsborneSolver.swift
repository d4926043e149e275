import RealModule

/// Osborne-style coordinate descent (docs/math.md "Relation to matrix balancing"): neuron i's exact
/// minimiser shifts h_i by delta = log(in_i / out_i) / (2p) (self-loops excluded, they are invariant),
/// after which in_i = out_i. With s = e^{p h}: in_i = sum_j c0_ij s_j / s_i and out_i = s_i sum_j c0_ji / s_j,
/// so the new s_i = sqrt(sum_j c0_ij s_j / sum_j c0_ji s_j^-1), no exp per synapse. One iteration is a
/// sweep over all neurons, cyclic or in a seeded random order; h is re-centred after each sweep.
/// Like `DenseOsborneSolver`, it reads the rows only: the denominators o_i = sum_j c0_ji / s_j come from
/// each evaluation pass and are kept current through the sweep (when s_i changes, o_j changes by
/// c0_ij (1/s_i' - 1/s_i) for every synapse j -> i of row i), so there is no transposed copy of the costs.
struct OsborneSolver {
    let graph: CostGraph
    let options: BalancingOptions
    /// nil: cyclic order 0 ..< N; otherwise a fresh random permutation per sweep from this seed.
    let seed: UInt64?

    /// A fresh random sweep order (Fisher-Yates) for the randomised variant; the cyclic one (nil) keeps 0 ..< N.
    static func shuffleSweepOrder(_ order: inout [Int], generator: inout SeededGenerator?) {
        guard generator != nil else { return }
        for k in stride(from: order.count - 1, to: 0, by: -1) {
            let r = Int(generator!.next() % UInt64(k + 1))
            order.swapAt(k, r)
        }
    }

    /// The bookkeeping of one exact evaluation, shared by the CSR and the dense driver: |g| / C (an
    /// overflow is an error), the path point, the progress report. Returns |g| / C.
    static func recordEvaluation(cost total: Double, imbalance g: [Double], logScales h: [Double], iterations: Int,
                                 options: BalancingOptions, path: inout [PathPoint]) throws -> Double {
        let gNorm = euclideanNorm(g)
        let relative = total > 0 ? gNorm / total : 0
        guard relative.isFinite else {
            throw BalancingError.didNotConverge("Osborne: the cost overflowed after \(iterations) sweeps")
        }
        if options.recordPath {
            path.append(PathPoint(time: Double(iterations), cost: total, imbalanceNorm: gNorm, logScales: h))
        }
        options.progress?.report(BalancingProgress(iterations: iterations, cost: total, relativeImbalance: relative))
        return relative
    }

    func run() throws -> SolverOutput {
        let n = graph.n, p = graph.exponent
        var h = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 1, count: n)
        var invS = s
        var g = [Double](repeating: 0, count: n)
        var scratch = [Double](repeating: 0, count: n)
        // o_i = sum_j c0_ji / s_j = out_i / s_i, from each evaluation pass, then kept current through the
        // sweep: no transposed (CSC) copy of the costs, every read is along a row of the CSR
        var outgoing = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        var generator = seed.map { SeededGenerator(seed: $0) }
        var path: [PathPoint] = []
        var iterations = 0
        var converged = false
        var relative = 0.0
        var total = 0.0
        while true {
            // g and C without storing a cost per synapse (one read of c0, no write per synapse)
            total = graph.imbalance(logScales: h, imbalance: &g, scratch: &scratch, outgoingOverScale: &outgoing)
                + graph.diagonalCost
            relative = try OsborneSolver.recordEvaluation(cost: total, imbalance: g, logScales: h, iterations: iterations,
                                                          options: options, path: &path)
            if relative <= options.tolerance { converged = true; break }
            if iterations >= options.maxIterations { break }
            OsborneSolver.shuffleSweepOrder(&order, generator: &generator)
            graph.rowStart.withUnsafeBufferPointer { rs in
            graph.column.withUnsafeBufferPointer { col in
            graph.baseCost.withUnsafeBufferPointer { c0 in
            outgoing.withUnsafeMutableBufferPointer { ov in
            s.withUnsafeMutableBufferPointer { sv in
            invS.withUnsafeMutableBufferPointer { iv in
                for i in order {
                    var incoming = 0.0  // sum_j c0_ij s_j  (= s_i in_i)
                    for k in rs[i]..<rs[i + 1] { incoming += c0[k] * sv[Int(col[k])] }
                    let outgoingOverScale = ov[i]  // sum_j c0_ji / s_j (= out_i / s_i)
                    if incoming > 0 && outgoingOverScale > 0 {
                        let si = (incoming / outgoingOverScale).squareRoot()  // e^{2 p h_i} = incoming / outgoing
                        let change = 1 / si - iv[i]
                        sv[i] = si
                        iv[i] = 1 / si
                        // synapse j -> i is outgoing for j: o_j holds c0_ij / s_i
                        for k in rs[i]..<rs[i + 1] { ov[Int(col[k])] += c0[k] * change }
                    }
                }
            }}}}}}
            for i in 0..<n { h[i] = Double.log(s[i]) / p }
            graph.centre(&h)
            for i in 0..<n { s[i] = Double.exp(p * h[i]); invS[i] = 1 / s[i] }
            iterations += 1
        }
        return SolverOutput(logScales: h, integratedWeights: nil, iterations: iterations, converged: converged,
                            relativeImbalance: relative, finalCost: total, path: path, pathWeights: [])
    }
}
