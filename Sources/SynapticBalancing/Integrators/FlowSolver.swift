import RealModule

/// Explicit integration of the balancing flow (docs/math.md "Cost and local rule"): dh/dt = g and, for the
/// (J, h) form, dJ_ij/dt = J_ij (g_j - g_i), i.e. dJ/dt = J diag(g) - diag(g) J (the diagonal is constant).
/// The state is y = h (`.logScalesOnly`, J rebuilt as D^-1 J0 D) or y = (J_kept, h) (`.weightsAndLogScales`).
/// Stops when |g|/C <= tolerance, at `maxTime` (the last step is shortened to land on it) or after
/// `maxIterations` steps. A non-finite state (a fixed step beyond the stability limit) throws
/// `didNotConverge` instead of returning NaN.
struct FlowSolver {
    let graph: CostGraph
    let options: BalancingOptions
    let integrator: FlowIntegrator
    let form: FlowForm

    private var n: Int { graph.n }
    private var m: Int { graph.edgeCount }
    private var joint: Bool { form == .weightsAndLogScales }

    /// Workspace for evaluating the vector field.
    final class Workspace {
        var current: [Double]
        var g: [Double]
        var scratch: [Double]
        init(n: Int, m: Int) {
            current = [Double](repeating: 0, count: m)
            g = [Double](repeating: 0, count: n)
            scratch = [Double](repeating: 0, count: n)
        }
    }

    /// f(y) into `out`; returns (total cost incl. diagonal, |g|).
    private func field(_ y: [Double], _ out: inout [Double], _ w: Workspace) -> (cost: Double, gNorm: Double) {
        let cost: Double
        if joint {
            cost = graph.evaluate(weights: y, current: &w.current, imbalance: &w.g)  // uses y[0 ..< m]
            graph.rowStart.withUnsafeBufferPointer { rs in
            graph.column.withUnsafeBufferPointer { col in
            y.withUnsafeBufferPointer { yv in
            out.withUnsafeMutableBufferPointer { o in
            w.g.withUnsafeBufferPointer { g in
                for i in 0..<n {
                    let gi = g[i]
                    for k in rs[i]..<rs[i + 1] { o[k] = yv[k] * (g[Int(col[k])] - gi) }
                    o[m + i] = gi
                }
            }}}}}
        } else {
            cost = graph.evaluate(logScales: y, current: &w.current, imbalance: &w.g, scratch: &w.scratch)
            for i in 0..<n { out[i] = w.g[i] }
        }
        return (cost + graph.diagonalCost, euclideanNorm(w.g))
    }

    func run() throws -> SolverOutput {
        switch integrator {
        case let .euler(step), let .rungeKutta4(step):
            guard step.isFinite, step > 0 else {
                throw BalancingError.invalidParameter("flow integrator step must be finite and > 0, got \(step)")
            }
        case let .dormandPrince(rtol):
            guard rtol.isFinite, rtol > 0, rtol < 1 else {
                throw BalancingError.invalidParameter("Dormand-Prince relative tolerance must be in (0, 1), got \(rtol)")
            }
        }
        let size = joint ? m + n : n
        var y = [Double](repeating: 0, count: size)
        if joint { for k in 0..<m { y[k] = graph.weight[k] } }
        let w = Workspace(n: n, m: m)
        var k1 = [Double](repeating: 0, count: size)
        var path: [PathPoint] = []
        var pathWeights: [[Double]] = []
        var t = 0.0
        var iterations = 0
        var converged = false
        var (cost, gNorm) = field(y, &k1, w)
        func record() {
            guard options.recordPath else { return }
            let h = joint ? Array(y[m...]) : y
            path.append(PathPoint(time: t, cost: cost, imbalanceNorm: gNorm, logScales: h))
            if joint && options.recordWeights { pathWeights.append(Array(y[0..<m])) }
        }
        func finiteOrThrow(_ v: [Double]) throws {
            if v.contains(where: { !$0.isFinite }) {
                throw BalancingError.didNotConverge(
                    "flow integration produced a non-finite state at t = \(t) after \(iterations) steps: the step is beyond the stability limit (about 2 / (p * lambda_max(L)))")
            }
        }
        record()
        var stepper = RungeKuttaStepper(size: size)
        var dt: Double
        switch integrator {
        case let .euler(step), let .rungeKutta4(step): dt = step
        case .dormandPrince:
            // initial step from the fastest rate p * max_i (in_i + out_i), refined by the error control
            var degree = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in graph.rowStart[i]..<graph.rowStart[i + 1] { degree[i] += w.current[k]; degree[Int(graph.column[k])] += w.current[k] } }
            let rate = graph.exponent * (degree.max() ?? 0)
            dt = rate > 0 ? 0.01 / rate : 1
        }
        let yScale = joint ? (graph.weight.reduce(0) { $0 + Swift.abs($1) } / Double(max(m, 1))) : 0
        while true {
            let relative = cost > 0 ? gNorm / cost : 0
            options.progress?.report(BalancingProgress(iterations: iterations, cost: cost, relativeImbalance: relative, time: t))
            if relative <= options.tolerance { converged = true; break }
            if iterations >= options.maxIterations || t >= options.maxTime { break }
            var h = min(dt, options.maxTime - t)
            switch integrator {
            case .euler:
                for i in 0..<size { y[i] += h * k1[i] }
            case .rungeKutta4:
                stepper.rungeKutta4(y: &y, k1: k1, h: h) { self.field($0, &$1, w) }
            case let .dormandPrince(requested):
                // near equilibrium |g|/C stalls at about the error tolerance (see FlowIntegrator), so the
                // controller works with at most tolerance / 100 (not below 1e-13, near rounding in h)
                let rtol = min(requested, max(options.tolerance / 100, 1e-13))
                var attempts = 0
                while true {
                    let err = stepper.dormandPrinceTrial(y: y, k1: k1, h: h, rtol: rtol, jointEdges: joint ? m : 0, yScale: yScale) { self.field($0, &$1, w) }
                    let factor = err == 0 ? 5 : min(5, max(0.2, 0.9 * Double.pow(err, -0.2)))
                    if err <= 1 {
                        swap(&y, &stepper.y5)
                        dt = h * factor
                        break
                    }
                    h *= max(0.2, factor)
                    attempts += 1
                    guard attempts < 100, h > Double.ulpOfOne * max(t, 1) else {
                        throw BalancingError.didNotConverge("Dormand-Prince: step size underflow at t = \(t)")
                    }
                }
            }
            t += h
            iterations += 1
            try finiteOrThrow(y)
            (cost, gNorm) = field(y, &k1, w)
            guard cost.isFinite else {
                throw BalancingError.didNotConverge("flow integration: the cost overflowed at t = \(t)")
            }
            record()
            // a flow towards infinity (synapses on no cycle) stops where its log-scales reach the spread bound
            if options.flowLogScaleSpreadLimit.isFinite {
                var low = Double.infinity, high = -Double.infinity
                for i in 0..<n { let v = y[joint ? m + i : i]; low = Swift.min(low, v); high = Swift.max(high, v) }
                if high - low >= options.flowLogScaleSpreadLimit { break }
            }
        }
        var h = joint ? Array(y[m...]) : y
        let integrated: [Double]? = joint ? Array(y[0..<m]) : nil
        if !joint { graph.centre(&h) }
        return SolverOutput(logScales: h, integratedWeights: integrated, iterations: iterations, converged: converged,
                            relativeImbalance: cost > 0 ? gNorm / cost : 0, finalCost: cost, path: path, pathWeights: pathWeights)
    }
}
