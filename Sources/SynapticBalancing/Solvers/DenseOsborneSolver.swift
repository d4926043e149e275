import CBalancingKernels
import RealModule

/// Osborne sweeps on a dense cost matrix: the fast path of `balance(_:cost:solver:options:)` for
/// `.osborneCyclic` and `.osborneRandomized` when the support of the off-diagonal costs is strongly
/// connected (then the optimum is finite, no synapse is set aside and h has one gauge: mean zero).
///
/// The same iteration as `OsborneSolver` (docs/math.md "Relation to matrix balancing"): with s = e^{p h},
/// in_i = (1 / s_i) sum_j c0_ij s_j and out_i = s_i sum_j c0_ji / s_j, neuron i's exact minimiser is
/// s_i <- sqrt(sum_j c0_ij s_j / sum_j c0_ji / s_j). The sweeps are the C kernels of CBalancingKernels
/// (AVX2/FMA when the processor has them): they read the rows of c0 only, carrying the column sums
/// sum_j c0_ji / s_j from row to row, so there is no transposed copy; for the Frobenius cost the rows are
/// J itself (c0_ij = J_ij^2, squared in the kernel) and no N x N array is allocated at all.
struct DenseOsborneSolver {
    let n: Int
    let exponent: Double
    /// Row-major: J itself when `square` (c0_ij = J_ij^2), else c0_ij with the diagonal zeroed. The
    /// kernels exclude the diagonal either way (self-loops are invariant and take no part in the sweeps).
    let rows: [Double]
    /// The kernels' `square` flag.
    let square: Bool
    /// sum_i c_ii.
    let diagonalCost: Double
    /// C(0) = sum_ij c_ij.
    let initialCost: Double

    /// nil when the fast path does not apply: N < 2, an overflowed cost (the general path reports it), or a
    /// support that is not strongly connected (the general path sets synapses aside per component).
    init?(_ J: DenseMatrix, cost: CostModel) {
        let n = J.rows
        guard n >= 2 else { return nil }
        let square = cost.exponent == 2 && cost.weighting == .uniform
        var c: [Double]
        if square {
            c = J.elements  // the Frobenius cost: no copy, the kernels square J_ij
        } else {
            c = [Double](repeating: 0, count: n * n)
            cost.fillCosts(of: J, into: &c)
        }
        var total = 0.0, diagonal = 0.0
        c.withUnsafeBufferPointer { c in
            // costs are >= 0: an inf or NaN entry makes the sum non-finite
            total = sb_sum(c.baseAddress!, n * n, square ? 1 : 0)
            for i in 0..<n { diagonal += square ? c[i * n + i] * c[i * n + i] : c[i * n + i] }
        }
        guard total.isFinite else { return nil }
        if !square { for i in 0..<n { c[i * n + i] = 0 } }
        // strongly connected: from neuron 0 along the rows (presynaptic neurons) and along the columns
        guard Self.reachesEveryNeuron(from: 0, rows: c, n: n, square: square, transposed: false),
              Self.reachesEveryNeuron(from: 0, rows: c, n: n, square: square, transposed: true) else {
            return nil
        }
        self.n = n
        exponent = cost.exponent
        rows = c
        self.square = square
        diagonalCost = diagonal
        initialCost = total
    }

    /// Breadth-first search along the positive off-diagonal costs: row v of c0 lists the presynaptic
    /// neurons of v (search against the synapses); with `transposed`, column v lists the postsynaptic ones
    /// (a strided read, but the search stops as soon as every neuron is reached: on a dense network after
    /// one column). Both from one neuron reaching all neurons is strong connectivity.
    static func reachesEveryNeuron(from start: Int, rows: [Double], n: Int, square: Bool, transposed: Bool) -> Bool {
        var seen = [Bool](repeating: false, count: n)
        var queue = [start]
        queue.reserveCapacity(n)
        seen[start] = true
        var head = 0
        let (rowStride, columnStride) = transposed ? (1, n) : (n, 1)
        rows.withUnsafeBufferPointer { r in
            while head < queue.count && queue.count < n {  // stop as soon as every neuron is reached
                let v = queue[head]
                head += 1
                let base = v * rowStride
                for j in 0..<n where !seen[j] && j != v {
                    let x = r[base + j * columnStride]
                    if (square ? x * x : x) > 0 {
                        seen[j] = true
                        queue.append(j)
                    }
                }
            }
        }
        return queue.count == n
    }

    /// The off-diagonal cost sum_i in_i and g = in - out at the scales s (invS = 1 / s), in one pass over the
    /// rows (`sb_cost_sums`): in_i = (1 / s_i) (c0 s)_i and out_i = s_i (c0^T invS)_i, the latter accumulated
    /// row by row; `outgoing` receives c0^T invS, the exact column sums the next sweep starts from.
    func evaluate(s: inout [Double], invS: [Double], g: inout [Double], outgoing: inout [Double]) -> Double {
        var total = 0.0
        let flag: Int32 = square ? 1 : 0
        rows.withUnsafeBufferPointer { c in
        s.withUnsafeMutableBufferPointer { sv in
        invS.withUnsafeBufferPointer { iv in
        outgoing.withUnsafeMutableBufferPointer { out in
        g.withUnsafeMutableBufferPointer { gv in
            sb_cost_sums(c.baseAddress!, n, flag, sv.baseAddress!, iv.baseAddress!, gv.baseAddress!, out.baseAddress!)
            for i in 0..<n {
                let incoming = gv[i] * iv[i]
                total += incoming
                gv[i] = incoming - sv[i] * out[i]
            }
        }}}}}
        return total
    }

    /// Sweeps until |g| / C <= tolerance or maxIterations; nil when the scales leave the range where
    /// s = e^{p h} is safe (p max |h| >= 300): the general path then evaluates with one exp per synapse.
    func run(options: BalancingOptions, seed: UInt64?) throws -> SolverOutput? {
        let p = exponent
        let flag: Int32 = square ? 1 : 0
        var h = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 1, count: n)
        var invS = s
        var g = [Double](repeating: 0, count: n)
        // sum_j c0_ji / s_j at the current s: exact after an evaluation, else carried from the last sweep
        var outgoing = [Double](repeating: 0, count: n)
        var fresh = [Double](repeating: 0, count: n)
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
                total = evaluate(s: &s, invS: invS, g: &g, outgoing: &outgoing) + diagonalCost
                relative = try OsborneSolver.recordEvaluation(cost: total, imbalance: g, logScales: h, iterations: iterations,
                                                              options: options, path: &path)
                if relative <= options.tolerance { converged = true; break }
            }
            if iterations >= options.maxIterations { break }
            var sweepImbalance = 0.0, sweepCost = 0.0
            OsborneSolver.shuffleSweepOrder(&order, generator: &generator)
            for k in 0..<n { fresh[k] = 0 }
            rows.withUnsafeBufferPointer { c in
            order.withUnsafeBufferPointer { o in
            s.withUnsafeMutableBufferPointer { sv in
            invS.withUnsafeMutableBufferPointer { iv in
            outgoing.withUnsafeMutableBufferPointer { out in
            fresh.withUnsafeMutableBufferPointer { f in
                // s_i <- sqrt(sum_j c0_ij s_j / sum_j c0_ji / s_j) for i in order; f = c0^T invS at the end
                sb_osborne_sweep(c.baseAddress!, n, flag, o.baseAddress!, sv.baseAddress!, iv.baseAddress!,
                                 out.baseAddress!, f.baseAddress!, &sweepImbalance, &sweepCost)
            }}}}}}
            // h = log(s) / p, centred (one component: mean zero), then s = e^{p h} again
            var mean = 0.0
            for i in 0..<n { h[i] = Double.log(s[i]) / p; mean += h[i] }
            mean /= Double(n)
            var spread = 0.0
            for i in 0..<n { h[i] -= mean; spread = max(spread, Swift.abs(h[i])) }
            guard p * spread < 300 else { return nil }
            for i in 0..<n { s[i] = Double.exp(p * h[i]); invS[i] = 1 / s[i] }
            // centring multiplies s by e^{-p mean}: the column sums of 1 / s by e^{p mean}
            let centring = Double.exp(p * mean)
            for k in 0..<n { outgoing[k] = fresh[k] * centring }
            iterations += 1
            evaluateNext = options.recordPath || iterations >= options.maxIterations
                || !(sweepImbalance.squareRoot() > 1000 * options.tolerance * sweepCost)
        }
        return SolverOutput(logScales: h, integratedWeights: nil, iterations: iterations, converged: converged,
                            relativeImbalance: relative, finalCost: total, path: path, pathWeights: [])
    }
}
