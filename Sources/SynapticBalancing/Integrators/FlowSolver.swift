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
            cost = graph.imbalance(logScales: y, imbalance: &w.g, scratch: &w.scratch)
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
        let w = Workspace(n: n, m: joint ? m : 0)  // the h form stores no per-synapse costs
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
            // (the costs at the start: h = 0, so c0 itself for the h form, whose field stores no costs)
            let start = joint ? w.current : graph.baseCost
            var degree = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in graph.rowStart[i]..<graph.rowStart[i + 1] { degree[i] += start[k]; degree[Int(graph.column[k])] += start[k] } }
            let rate = graph.exponent * (degree.max() ?? 0)
            dt = rate > 0 ? 0.01 / rate : 1
        }
        let yScale = joint ? (graph.weight.reduce(0) { $0 + Swift.abs($1) } / Double(max(m, 1))) : 0
        var budget = StepBudget(integrator: integrator, options: options, fixedStep: dt, finiteOptimum: graph.setAside.isEmpty)
        while true {
            let relative = cost > 0 ? gNorm / cost : 0
            options.progress?.report(BalancingProgress(iterations: iterations, cost: cost, relativeImbalance: relative, time: t))
            if relative <= options.tolerance { converged = true; break }
            if iterations >= options.maxIterations || t >= options.maxTime { break }
            try budget.check(iterations: iterations, relativeImbalance: relative)
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

/// The progress check of a fixed-step flow (Euler, RK4; with `options.stopUnreachableFixedStep`): the stable step is set by the stiffest mode of
/// the cost Laplacian and |g|/C decays at the rate of the slowest, so a badly scaled network can need
/// far more steps than the budget allows (docs/math.md "Cost and local rule"). Every `window` steps
/// the decay of log(|g|/C) over the last window is extrapolated to the tolerance; when the steps that
/// would need exceed `margin` times the budget the run stops with `didNotConverge`, naming that count,
/// instead of spending the budget and stalling. Only runs stopped by the tolerance and `maxIterations`
/// are checked (a run to `maxTime`, a tolerance of 0, or a flow towards infinity stopped by the
/// log-scale spread (synapses on no cycle: `finiteOptimum` false) are integrations to a point, not
/// to the tolerance).
struct StepBudget {
    /// Steps between two checks, and the first check's step (after the initial transient).
    let window: Int
    /// How many times the budget the extrapolated need may be before the run stops.
    static let margin = 4.0
    let active: Bool
    let label: String
    let step: Double
    let tolerance: Double
    let maxIterations: Int
    private var last: (iterations: Int, logRelative: Double)?

    init(integrator: FlowIntegrator, options: BalancingOptions, fixedStep: Double, finiteOptimum: Bool) {
        switch integrator {
        case .euler: label = "euler"
        case .rungeKutta4: label = "rk4"
        case .dormandPrince: label = "dopri"
        }
        let fixed = label != "dopri"
        step = fixedStep
        tolerance = options.tolerance
        maxIterations = options.maxIterations
        window = Swift.max(1_000, options.maxIterations / 100)
        active = options.stopUnreachableFixedStep && fixed && finiteOptimum && options.tolerance > 0 && !options.maxTime.isFinite
            && options.maxIterations >= 2 * window
    }

    mutating func check(iterations: Int, relativeImbalance relative: Double) throws {
        guard active, iterations > 0, iterations % window == 0, relative > 0, relative.isFinite else { return }
        let logRelative = Double.log(relative)
        defer { last = (iterations, logRelative) }
        guard let last else { return }
        let rate = (last.logRelative - logRelative) / Double(iterations - last.iterations)  // per step
        let remaining = maxIterations - iterations
        let needed = rate > 0 ? (logRelative - Double.log(tolerance)) / rate : .infinity
        guard needed > StepBudget.margin * Double(remaining) else { return }
        let need = needed.isFinite ? "about \(Self.count(Double(iterations) + needed)) steps in all" : "more steps than any budget"
        let progress = rate > 0 ? "|g|/C falls by a factor \(Self.short(Double.exp(rate * Double(window)))) per \(window) steps"
                                : "|g|/C did not fall over the last \(window) steps"
        throw BalancingError.didNotConverge(
            "fixed-step \(label) (step \(Self.short(step))) cannot reach |g|/C <= \(Self.short(tolerance)) within \(maxIterations) steps: "
            + "after \(iterations) steps |g|/C = \(Self.short(relative)) and \(progress), so it would need \(need) "
            + "(the stable step is set by the stiffest mode, the decay by the slowest: a badly scaled network). "
            + "Use an adaptive step (--solver dopri) or Osborne sweeps (--solver osborne)")
    }

    static func short(_ x: Double) -> String {
        let magnitude = Swift.abs(x)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) {
            let exponent = Int(Double.log10(magnitude).rounded(.down))
            let mantissa = x / Double.pow(10, Double(exponent))
            return "\((mantissa * 100).rounded() / 100)e\(exponent)"
        }
        return "\((x * 1000).rounded() / 1000)"
    }

    static func count(_ x: Double) -> String { x < 1e15 ? String(Int(x.rounded(.up))) : short(x) }
}
