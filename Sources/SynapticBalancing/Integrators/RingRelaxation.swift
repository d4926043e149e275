import Foundation

/// Fig 5 of the paper: relaxation of synaptic balancing after one synapse j -> i of an equilibrium
/// network (e.g. a ring with all costs 1) is potentiated.
///
/// The flow dh/dt = g is integrated from h = 0 with the library's classical RK4 on h alone; costs
/// along the way are c_ij(t) = c_ij(0) e^{p (h_j - h_i)}. The equilibrium h* comes from Newton's
/// method. The analysis names the synapses as the paper does (A = j->i, B = i->j, C/D the other
/// outgoing/incoming synapse of i, E/F the other incoming/outgoing synapse of j, G/H the reciprocal
/// pair farthest from i and j) and compares h(t) with the two linearisations of docs/math.md:
/// around h = 0, dh/dt = g0 - p L0 h, so the projection on an eigenvector v_k of L0 is
/// (v_k . g0) / (p lambda_k) (1 - e^{-p lambda_k t}); around h*, h - h* decays mode by mode like
/// e^{-p lambda*_k t} (L* the Laplacian at equilibrium).
public struct RingRelaxation: Sendable {
    /// One named synapse and its cost over time.
    public struct SynapseTrace: Sendable {
        public var label: String
        public var role: String
        public var post: Int
        public var pre: Int
        public var initialCost: Double
        public var finalCost: Double
        /// First time the cost has covered half of its way to the equilibrium value.
        public var halfTime: Double
        /// Cost at each of `times`.
        public var costs: [Double]
    }

    /// One eigenmode of L0 with the projection of h(t) on it and the linear prediction.
    public struct Mode: Sendable {
        public var eigenvalue: Double
        public var projection: [Double]
        public var predicted: [Double]
    }

    /// A prediction of the paper and whether this run confirms it.
    public struct Check: Sendable {
        public var name: String
        public var detail: String
        public var holds: Bool
    }

    public var exponent: Double
    public var potentiatedPost: Int
    public var potentiatedPre: Int
    public var times: [Double]
    public var synapses: [SynapseTrace]
    public var modes: [Mode]
    /// Relative error |a(t) - a_lin(t)| / |a_lin(t)| of the L0 projections at a few early times.
    public var earlyLinearisationError: [(time: Double, relativeError: Double)]
    /// The slowest excited mode of L*: its eigenvalue, the measured late decay rate and p lambda*.
    public var slowEigenvalue: Double
    public var measuredLateRate: Double
    public var checks: [Check]

    /// Whether every check holds.
    public var allHold: Bool { checks.allSatisfy(\.holds) }

    /// Runs the relaxation of `weights` under `cost` for `duration` with RK4 steps of `step`.
    /// `potentiated` is (post i, pre j); by default the synapse of largest cost.
    public static func analyse(weights: DenseMatrix, cost: CostModel, potentiated: (post: Int, pre: Int)? = nil,
                               duration: Double = 8, step: Double = 1e-3) throws -> RingRelaxation {
        let n = weights.rows
        let p = cost.exponent
        let c0 = try cost.costs(of: weights).elements
        let (i, j): (Int, Int) = potentiated ?? {
            let k = c0.indices.max { c0[$0] < c0[$1] }!
            return (k / n, k % n)
        }()
        guard i >= 0, i < n, j >= 0, j < n, i != j, c0[i * n + j] > 0 else {
            throw BalancingError.invalidParameter("the potentiated synapse \(j) -> \(i) is not a synapse of the network")
        }
        // Flow from h = 0 (recorded path) and the equilibrium from Newton.
        var flowOptions = BalancingOptions()
        flowOptions.tolerance = 1e-300
        flowOptions.maxTime = duration
        flowOptions.maxIterations = Int((duration / step).rounded(.up)) + 10
        flowOptions.recordPath = true
        let flow = try balance(weights, cost: cost, solver: .flow(.rungeKutta4(step: step), .logScalesOnly), options: flowOptions)
        var newtonOptions = BalancingOptions()
        newtonOptions.tolerance = 1e-14
        let equilibrium = try balance(weights, cost: cost, solver: .newton, options: newtonOptions)
        guard equilibrium.unboundedSynapses.isEmpty else {
            throw BalancingError.invalidParameter("the network has no finite equilibrium (synapses on no cycle); Fig 5 needs one")
        }
        func centred(_ h: [Double]) -> [Double] { let m = h.reduce(0, +) / Double(h.count); return h.map { $0 - m } }
        let hStar = centred(equilibrium.logScales)
        let path = flow.path.filter { $0.time <= duration * (1 + 1e-12) }
        let times = path.map(\.time)
        let hs = path.map { centred($0.logScales) }
        func costAt(_ h: [Double], _ post: Int, _ pre: Int) -> Double { c0[post * n + pre] * exp(p * (h[pre] - h[post])) }

        // Name the synapses around the potentiated one.
        func neighbours(_ a: Int) -> [Int] { (0..<n).filter { $0 != a && (c0[a * n + $0] > 0 || c0[$0 * n + a] > 0) } }
        var named: [(String, String, Int, Int)] = [("A", "potentiated j -> i (into i, out of j)", i, j)]
        if c0[j * n + i] > 0 { named.append(("B", "i -> j (out of i, into j)", j, i)) }
        if let k = neighbours(i).first(where: { $0 != j }) {
            if c0[k * n + i] > 0 { named.append(("C", "out of i", k, i)) }
            if c0[i * n + k] > 0 { named.append(("D", "into i", i, k)) }
        }
        if let m = neighbours(j).first(where: { $0 != i }) {
            if c0[j * n + m] > 0 { named.append(("E", "into j", j, m)) }
            if c0[m * n + j] > 0 { named.append(("F", "out of j", m, j)) }
        }
        // The reciprocal pair farthest (in the undirected support graph) from i and j.
        var distance = [Int](repeating: Int.max, count: n)
        var queue = [i, j]
        distance[i] = 0
        distance[j] = 0
        while !queue.isEmpty {
            let a = queue.removeFirst()
            for b in neighbours(a) where distance[b] == Int.max { distance[b] = distance[a] + 1; queue.append(b) }
        }
        var far: (Int, Int)?
        var farDistance = 1
        for u in 0..<n { for v in (u + 1)..<n where c0[u * n + v] > 0 && c0[v * n + u] > 0 && distance[u] != Int.max && distance[v] != Int.max {
            let d = min(distance[u], distance[v])
            if d > farDistance { farDistance = d; far = (u, v) }
        } }
        if let (u, v) = far {
            named.append(("G", "distant (\(farDistance) synapses away)", v, u))
            named.append(("H", "distant (\(farDistance) synapses away)", u, v))
        }
        let synapses: [SynapseTrace] = named.map { label, role, post, pre in
            let trace = hs.map { costAt($0, post, pre) }
            let start = c0[post * n + pre], end = costAt(hStar, post, pre)
            let half = zip(times, trace).first { abs($0.1 - start) >= 0.5 * abs(end - start) }?.0 ?? .infinity
            return SynapseTrace(label: label, role: role, post: post, pre: pre, initialCost: start, finalCost: end, halfTime: half, costs: trace)
        }

        // Linearisation around h = 0 with L0.
        let l0 = try CostLaplacian(costs: DenseMatrix(rows: n, columns: n, elements: c0)).eigenmodes()
        let g0 = try cost.imbalance(of: weights)
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
        var modes: [Mode] = []
        for k in 0..<n where l0.values[k] > 1e-9 * (l0.values.last ?? 1) {
            let v = l0.vectors[k], lambda = l0.values[k]
            let amplitude = dot(v, g0) / (p * lambda)
            modes.append(Mode(eigenvalue: lambda, projection: hs.map { dot(v, $0) },
                              predicted: times.map { amplitude * (1 - exp(-p * lambda * $0)) }))
        }
        var early: [(time: Double, relativeError: Double)] = []
        for t in [0.005, 0.01, 0.02, 0.04, 0.08] {
            guard let s = times.firstIndex(where: { $0 >= t - 1e-12 }) else { continue }
            let actual = modes.map { $0.projection[s] }, predicted = modes.map { $0.predicted[s] }
            let error = zip(actual, predicted).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            early.append((times[s], error / predicted.map { $0 * $0 }.reduce(0, +).squareRoot()))
        }

        // Linearisation around h*: the slowest mode of L* excited by h(0) - h* sets the late decay.
        let cStar = (0..<n * n).map { c0[$0] * exp(p * (hStar[$0 % n] - hStar[$0 / n])) }
        let lStar = try CostLaplacian(costs: DenseMatrix(rows: n, columns: n, elements: cStar)).eigenmodes()
        let initialOffset = zip(hs[0], hStar).map(-)
        let norm0 = initialOffset.map { $0 * $0 }.reduce(0, +).squareRoot()
        let slow = (0..<n).first { lStar.values[$0] > 1e-9 * (lStar.values.last ?? 1) && abs(dot(lStar.vectors[$0], initialOffset)) > 1e-3 * norm0 }
        var slowEigenvalue = Double.nan, measuredRate = Double.nan
        if let slow {
            slowEigenvalue = lStar.values[slow]
            // Measure between the times where the slow component has fallen to 1e-1 and 1e-3 of its start.
            let w = lStar.vectors[slow]
            let component = hs.map { abs(dot(w, zip($0, hStar).map(-))) }
            if let a = component.firstIndex(where: { $0 <= 1e-1 * component[0] }),
               let b = component.firstIndex(where: { $0 <= 1e-3 * component[0] }), b > a {
                measuredRate = log(component[a] / component[b]) / (times[b] - times[a])
            }
        }

        // The paper's predictions.
        func trace(_ label: String) -> SynapseTrace? { synapses.first { $0.label == label } }
        var checks: [Check] = []
        func signCheck(_ name: String, _ labels: [String], weaken: Bool) {
            let found = labels.compactMap(trace)
            guard !found.isEmpty else { return }
            let holds = found.allSatisfy { weaken ? $0.finalCost < $0.initialCost : $0.finalCost > $0.initialCost }
            let detail = found.map { "\($0.label): \(format($0.initialCost)) -> \(format($0.finalCost))" }.joined(separator: ", ")
            checks.append(Check(name: name, detail: detail, holds: holds))
        }
        signCheck("incoming synapses of i weaken", ["A", "D"], weaken: true)
        signCheck("outgoing synapses of i strengthen", ["B", "C"], weaken: false)
        signCheck("incoming synapses of j strengthen", ["B", "E"], weaken: false)
        signCheck("outgoing synapses of j weaken", ["A", "F"], weaken: true)
        let near = ["C", "D", "E", "F"].compactMap(trace), distant = ["G", "H"].compactMap(trace)
        if !near.isEmpty && !distant.isEmpty {
            let slowestNear = near.map(\.halfTime).max()!, fastestFar = distant.map(\.halfTime).min()!
            checks.append(Check(name: "distant synapses relax more slowly",
                                detail: "half-way times: near (C-F) <= \(format(slowestNear)), distant (G, H) >= \(format(fastestFar))",
                                holds: fastestFar > slowestNear))
        }
        if early.count >= 2 {
            let first = early.first!.relativeError, last = early.last!.relativeError
            checks.append(Check(name: "early relaxation follows dh/dt = g0 - p L0 h",
                                detail: "relative error of the L0-mode projections: " + early.map { "t=\(format($0.0)): \(format($0.1))" }.joined(separator: ", "),
                                holds: first < 0.01 && zip(early, early.dropFirst()).allSatisfy { $0.1 < $1.1 } && last < 0.1))
        }
        if slowEigenvalue.isFinite {
            let predicted = p * slowEigenvalue
            checks.append(Check(name: "late relaxation decays like exp(-p lambda* t) (dh/dt = -p L* (h - h*))",
                                detail: "slowest excited mode of L*: lambda* = \(format(slowEigenvalue)), p lambda* = \(format(predicted)), measured rate \(format(measuredRate))",
                                holds: measuredRate.isFinite && abs(measuredRate / predicted - 1) < 0.01))
        }
        _ = flow
        return RingRelaxation(exponent: p, potentiatedPost: i, potentiatedPre: j, times: times, synapses: synapses, modes: modes,
                              earlyLinearisationError: early, slowEigenvalue: slowEigenvalue, measuredLateRate: measuredRate, checks: checks)
    }
}

/// Four significant digits, for the details of the checks.
private func format(_ x: Double) -> String { String(format: "%.4g", x) }
