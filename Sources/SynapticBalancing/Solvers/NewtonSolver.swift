import RealModule

/// Damped Newton on the convex potential C(h) = sum_ij c_ij e^{p (h_j - h_i)} (docs/math.md "Cost and local
/// rule", "Linearisation"): gradient -p g, Hessian p^2 L with L the Laplacian of W = C(h) + C(h)^T.
/// The step solves L delta = g / p in the gauge (h mean zero per connected component), followed by a
/// backtracking (Armijo) line search on C. Dense Cholesky (one neuron pinned per component) for
/// N <= `choleskyLimit`, Jacobi-preconditioned conjugate gradients otherwise (inexact Newton).
struct NewtonSolver {
    static let choleskyLimit = 256

    let graph: CostGraph
    let options: BalancingOptions

    func run() throws -> SolverOutput {
        let n = graph.n, p = graph.exponent
        var h = [Double](repeating: 0, count: n)
        var trial = h
        var current = [Double](repeating: 0, count: graph.edgeCount)
        var trialCurrent = current
        var g = [Double](repeating: 0, count: n)
        var trialG = g
        var scratch = [Double](repeating: 0, count: n)
        var path: [PathPoint] = []
        var cost = graph.evaluate(logScales: h, current: &current, imbalance: &g, scratch: &scratch)
        var iterations = 0
        var converged = false
        let useCholesky: Bool
        switch options.newtonLinearSolver {
        case .automatic: useCholesky = n <= NewtonSolver.choleskyLimit
        case .cholesky: useCholesky = true
        case .conjugateGradient: useCholesky = false
        }
        var cg = ConjugateGradientWorkspace(n: n)
        var floorSteps = 0  // consecutive steps accepted only at the rounding floor (bounded: no endless creeping)
        while true {
            let total = cost + graph.diagonalCost
            let gNorm = euclideanNorm(g)
            let relative = total > 0 ? gNorm / total : 0
            if options.recordPath {
                path.append(PathPoint(time: Double(iterations), cost: total, imbalanceNorm: gNorm, logScales: h))
            }
            options.progress?.report(BalancingProgress(iterations: iterations, cost: total, relativeImbalance: relative))
            if relative <= options.tolerance { converged = true; break }
            if iterations >= options.maxIterations { break }
            // Newton direction: L delta = g / p
            let rhs = g.map { $0 / p }
            let delta: [Double]
            if useCholesky {
                delta = try denseNewtonDirection(current: current, rhs: rhs)
            } else {
                let forcing = min(0.5, relative.squareRoot())
                delta = cg.solve(graph: graph, current: current, rhs: rhs, relativeTolerance: forcing,
                                 maxIterations: max(50, min(n, 2000)))
            }
            var slope = 0.0  // -dC/dt along delta = p g . delta > 0
            for i in 0..<n { slope += p * g[i] * delta[i] }
            guard slope > 0, slope.isFinite else { break }
            var t = 1.0
            var accepted = false
            for _ in 0..<60 {
                for i in 0..<n { trial[i] = h[i] + t * delta[i] }
                let trialCost = graph.evaluate(logScales: trial, current: &trialCurrent, imbalance: &trialG, scratch: &scratch)
                let sufficient = trialCost <= cost - 1e-4 * t * slope
                // at the rounding floor C cannot decrease measurably: accept a step that lowers |g|
                let roundingFloor = trialCost <= cost + 8 * Double.ulpOfOne * (cost + graph.diagonalCost)
                    && euclideanNorm(trialG) < gNorm
                if trialCost.isFinite && (sufficient || (roundingFloor && floorSteps < 20)) {
                    floorSteps = sufficient ? 0 : floorSteps + 1
                    swap(&h, &trial); swap(&current, &trialCurrent); swap(&g, &trialG)
                    cost = trialCost
                    accepted = true
                    break
                }
                t *= 0.5
            }
            iterations += 1
            if !accepted { break }
        }
        graph.centre(&h)
        let total = graph.evaluate(logScales: h, current: &current, imbalance: &g, scratch: &scratch) + graph.diagonalCost
        let relative = total > 0 ? euclideanNorm(g) / total : 0
        return SolverOutput(logScales: h, integratedWeights: nil, iterations: iterations,
                            converged: converged || relative <= options.tolerance, relativeImbalance: relative,
                            finalCost: total, path: path, pathWeights: [])
    }

    /// Solves L delta = rhs by Cholesky on the Laplacian with the first neuron of each component pinned
    /// (delta = 0 there; the result is shifted to mean zero per component).
    func denseNewtonDirection(current: [Double], rhs: [Double]) throws -> [Double] {
        let n = graph.n
        var pinned = [Bool](repeating: false, count: n)
        var seen = [Bool](repeating: false, count: graph.componentCount)
        for i in 0..<n where !seen[Int(graph.componentOf[i])] {
            seen[Int(graph.componentOf[i])] = true
            pinned[i] = true
        }
        var free: [Int] = []
        var position = [Int](repeating: -1, count: n)
        for i in 0..<n where !pinned[i] { position[i] = free.count; free.append(i) }
        let m = free.count
        var delta = [Double](repeating: 0, count: n)
        if m == 0 { return delta }
        var a = [Double](repeating: 0, count: m * m)
        for i in 0..<n {
            for k in graph.rowStart[i]..<graph.rowStart[i + 1] {
                let j = Int(graph.column[k])
                let w = current[k]  // contributes to W_ij and W_ji
                let pi = position[i], pj = position[j]
                if pi >= 0 { a[pi * m + pi] += w }
                if pj >= 0 { a[pj * m + pj] += w }
                if pi >= 0 && pj >= 0 { a[pi * m + pj] -= w; a[pj * m + pi] -= w }
            }
        }
        var b = free.map { rhs[$0] }
        try CholeskyFactorization.solveInPlace(matrix: &a, dimension: m, rhs: &b)
        for (r, i) in free.enumerated() { delta[i] = b[r] }
        graph.centre(&delta)
        return delta
    }
}
