import RealModule

/// Osborne sweeps on a dense cost matrix: the fast path of `balance(_:cost:solver:options:)` for
/// `.osborneCyclic` and `.osborneRandomized` when the support of the off-diagonal costs is strongly
/// connected (then the optimum is finite, no synapse is set aside and h has one gauge: mean zero).
///
/// The same iteration as `OsborneSolver` (docs/math.md "Relation to matrix balancing"): with s = e^{p h},
/// in_i = (1 / s_i) sum_j c0_ij s_j and out_i = s_i sum_j c0_ji / s_j, neuron i's exact minimiser is
/// s_i <- sqrt(sum_j c0_ij s_j / sum_j c0_ji / s_j). Here the base costs c0 and their transpose are kept
/// as two dense N x N arrays, so both sums are contiguous dot products (SIMD, no index gathers), and no CSR
/// copy, union-find or per-synapse closure is built: at N = 1024 the setup is a few passes over J.
struct DenseOsborneSolver {
    let n: Int
    let exponent: Double
    /// c0_ij, row-major, diagonal zeroed (self-loops are invariant and take no part in the sweeps).
    let costs: [Double]
    /// c0_ji at [i * n + j].
    let transposedCosts: [Double]
    /// sum_i c_ii.
    let diagonalCost: Double
    /// C(0) = sum_ij c_ij.
    let initialCost: Double

    /// nil when the fast path does not apply: N < 2, an overflowed cost (the general path reports it), or a
    /// support that is not strongly connected (the general path sets synapses aside per component).
    init?(_ J: DenseMatrix, cost: CostModel) {
        let n = J.rows
        guard n >= 2 else { return nil }
        var c: [Double]
        if cost.exponent == 2, cost.weighting == .uniform {
            // the Frobenius cost: c_ij = J_ij^2, one vectorisable pass
            c = [Double](unsafeUninitializedCapacity: n * n) { buffer, count in
                J.elements.withUnsafeBufferPointer { w in for k in 0..<(n * n) { buffer[k] = w[k] * w[k] } }
                count = n * n
            }
        } else {
            c = [Double](repeating: 0, count: n * n)
            cost.fillCosts(of: J, into: &c)
        }
        var total = 0.0, diagonal = 0.0
        c.withUnsafeMutableBufferPointer { c in
            total = DenseKernels.sum(c.baseAddress!, n * n)  // costs are >= 0: an inf or NaN entry makes it non-finite
            for i in 0..<n { diagonal += c[i * n + i]; c[i * n + i] = 0 }
        }
        guard total.isFinite else { return nil }
        // transpose in 32 x 32 blocks (both arrays stay in cache a block at a time)
        let t = [Double](unsafeUninitializedCapacity: n * n) { buffer, count in
            c.withUnsafeBufferPointer { c in
                let block = 32
                for i0 in stride(from: 0, to: n, by: block) {
                    for j0 in stride(from: 0, to: n, by: block) {
                        for i in i0..<min(i0 + block, n) {
                            for j in j0..<min(j0 + block, n) { buffer[j * n + i] = c[i * n + j] }
                        }
                    }
                }
            }
            count = n * n
        }
        guard Self.reachesEveryNeuron(from: 0, rows: c, n: n), Self.reachesEveryNeuron(from: 0, rows: t, n: n) else {
            return nil
        }
        self.n = n
        exponent = cost.exponent
        costs = c
        transposedCosts = t
        diagonalCost = diagonal
        initialCost = total
    }

    /// Breadth-first search along the nonzero entries of the rows: with `rows` = c, row v lists the
    /// presynaptic neurons of v (search against the synapses); with c^T, the postsynaptic ones. Both from
    /// one neuron reaching all neurons is strong connectivity.
    static func reachesEveryNeuron(from start: Int, rows: [Double], n: Int) -> Bool {
        var seen = [Bool](repeating: false, count: n)
        var queue = [start]
        queue.reserveCapacity(n)
        seen[start] = true
        var head = 0
        rows.withUnsafeBufferPointer { r in
            while head < queue.count && queue.count < n {  // stop as soon as every neuron is reached
                let v = queue[head]
                head += 1
                let base = v * n
                for j in 0..<n where !seen[j] && r[base + j] > 0 {
                    seen[j] = true
                    queue.append(j)
                }
            }
        }
        return queue.count == n
    }

    /// The off-diagonal cost sum_i in_i and g = in - out at the scales s (invS = 1 / s), in one pass over the
    /// rows of c0: in_i = (1 / s_i) (c0 s)_i by a dot product, and out_j = s_j (c0^T invS)_j accumulated row by
    /// row (out += c0_i. / s_i), so the transposed copy is not read.
    func evaluate(s: [Double], invS: [Double], g: inout [Double], outgoing: inout [Double]) -> Double {
        var total = 0.0
        costs.withUnsafeBufferPointer { c in
        s.withUnsafeBufferPointer { sv in
        invS.withUnsafeBufferPointer { iv in
        outgoing.withUnsafeMutableBufferPointer { out in
        g.withUnsafeMutableBufferPointer { gv in
            for j in 0..<n { out[j] = 0 }
            let rawOut = UnsafeMutableRawPointer(out.baseAddress!)
            for i in 0..<n {
                let row = c.baseAddress! + i * n
                let incoming = iv[i] * DenseKernels.dot(row, sv.baseAddress!, n)
                gv[i] = incoming
                total += incoming
                // out += row / s_i
                let factor = SIMD4<Double>(repeating: iv[i])
                let rawRow = UnsafeRawPointer(row)
                var k = 0
                while k + 4 <= n {
                    let sum = rawOut.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                        + factor * rawRow.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                    rawOut.storeBytes(of: sum, toByteOffset: k &* 8, as: SIMD4<Double>.self)
                    k &+= 4
                }
                while k < n { out[k] += iv[i] * row[k]; k &+= 1 }
            }
            for i in 0..<n { gv[i] -= sv[i] * out[i] }
        }}}}}
        return total
    }

    /// Sweeps until |g| / C <= tolerance or maxIterations; nil when the scales leave the range where
    /// s = e^{p h} is safe (p max |h| >= 300): the general path then evaluates with one exp per synapse.
    func run(options: BalancingOptions, seed: UInt64?) throws -> SolverOutput? {
        let p = exponent
        var h = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 1, count: n)
        var invS = s
        var g = [Double](repeating: 0, count: n)
        var outgoingScratch = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        var generator = seed.map { SeededGenerator(seed: $0) }
        var path: [PathPoint] = []
        var iterations = 0
        var converged = false
        var relative = 0.0
        var total = 0.0
        // The exact |g| / C costs one pass over c0, as much as a sweep; it is skipped after a sweep whose own
        // imbalances (in_i - out_i of each neuron just before its update) were above 1000 x tolerance, so far
        // from convergence that the next point cannot pass (at worst one more sweep is done). Convergence is
        // only ever declared from an exact evaluation; with recordPath every sweep is evaluated.
        var evaluateNext = true
        while true {
            if evaluateNext {
                total = evaluate(s: s, invS: invS, g: &g, outgoing: &outgoingScratch) + diagonalCost
                let gNorm = euclideanNorm(g)
                relative = total > 0 ? gNorm / total : 0
                guard relative.isFinite else {
                    throw BalancingError.didNotConverge("Osborne: the cost overflowed after \(iterations) sweeps")
                }
                if options.recordPath {
                    path.append(PathPoint(time: Double(iterations), cost: total, imbalanceNorm: gNorm, logScales: h))
                }
                options.progress?.report(BalancingProgress(iterations: iterations, cost: total, relativeImbalance: relative))
                if relative <= options.tolerance { converged = true; break }
            }
            if iterations >= options.maxIterations { break }
            var sweepImbalance = 0.0, sweepCost = 0.0
            OsborneSolver.shuffleSweepOrder(&order, generator: &generator)
            costs.withUnsafeBufferPointer { c in
            transposedCosts.withUnsafeBufferPointer { t in
            s.withUnsafeMutableBufferPointer { sv in
            invS.withUnsafeMutableBufferPointer { iv in
                for i in order {
                    let incoming = DenseKernels.dot(c.baseAddress! + i * n, sv.baseAddress!, n)  // s_i in_i
                    let outgoing = DenseKernels.dot(t.baseAddress! + i * n, iv.baseAddress!, n)  // out_i / s_i
                    let gi = incoming * iv[i] - outgoing * sv[i]  // in_i - out_i before the update
                    sweepImbalance += gi * gi
                    sweepCost += incoming * iv[i]
                    if incoming > 0 && outgoing > 0 {
                        let si = (incoming / outgoing).squareRoot()  // e^{2 p h_i} = incoming / outgoing
                        sv[i] = si
                        iv[i] = 1 / si
                    }
                }
            }}}}
            // h = log(s) / p, centred (one component: mean zero), then s = e^{p h} again
            var mean = 0.0
            for i in 0..<n { h[i] = Double.log(s[i]) / p; mean += h[i] }
            mean /= Double(n)
            var spread = 0.0
            for i in 0..<n { h[i] -= mean; spread = max(spread, Swift.abs(h[i])) }
            guard p * spread < 300 else { return nil }
            for i in 0..<n { s[i] = Double.exp(p * h[i]); invS[i] = 1 / s[i] }
            iterations += 1
            evaluateNext = options.recordPath || iterations >= options.maxIterations
                || !(sweepImbalance.squareRoot() > 1000 * options.tolerance * sweepCost)
        }
        return SolverOutput(logScales: h, integratedWeights: nil, iterations: iterations, converged: converged,
                            relativeImbalance: relative, finalCost: total, path: path, pathWeights: [])
    }
}
