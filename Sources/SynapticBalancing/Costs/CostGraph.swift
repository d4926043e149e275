import RealModule

/// The off-diagonal synapses being balanced, as CSR of their costs c_ij(0) > 0 (Int32 columns; a
/// diagonal synapse may stay in place as a self-loop of cost exactly 0, so that the input's column
/// array is shared rather than copied: it adds 0 to every sum and joins no components), with
/// the weights J_ij and cost weights alpha_ij at the same positions (for the (J, h) flow), the invariant
/// diagonal cost, the synapses set aside because they lie on no directed cycle, and the connected
/// components that fix the gauge.
struct CostGraph {
    let n: Int
    let exponent: Double
    var rowStart: [Int]
    var column: [Int32]
    var baseCost: [Double]
    /// J_ij and alpha_ij at the kept synapses, for the (J, h) flow only (`keepWeights`); empty otherwise
    /// (16 bytes per synapse the other solvers do not read).
    var weight: [Double]
    var alpha: [Double]
    /// sum_i c_ii (invariant).
    var diagonalCost: Double
    /// Off-diagonal synapses between different strongly connected components (on no directed cycle):
    /// set aside unless every synapse was kept.
    var setAside: [SynapseIndex]
    /// Their cost at h = 0.
    var setAsideCost: Double
    /// Connected component of each neuron in the graph of kept synapses (undirected), and the count.
    var componentOf: [Int32]
    var componentCount: Int
    var componentSize: [Int]

    /// Log-costs ln(alpha_ij) + p ln|J_ij| of the kept synapses at h = 0, when some cost is not a normal
    /// Double (under- or overflow); nil otherwise (then `baseCost` is exact up to rounding).
    var logBaseCost: [Double]?
    /// The synapses between different strongly connected components (same order as `setAside`): their
    /// log-costs at h = 0 (docs/reducible-networks.md).
    var crossLogCost: [Double]
    /// Strongly connected component of each neuron in the support graph, and the count.
    var strongComponent: [Int32]
    var strongComponentCount: Int
    /// Log-scales already folded into `baseCost` (the solver's h is relative to them), nil when none.
    var prescale: [Double]?
    /// ln of the invariant diagonal cost (-inf when there is none).
    var logDiagonalCost: Double

    /// Builds the graph from CSR input J; `keepAll` keeps every synapse (flows follow the whole flow);
    /// `keepWeights` stores J_ij and alpha_ij per kept synapse (the (J, h) flow integrates them).
    ///
    /// The support graph is J_ij != 0 and alpha_ij != 0 (off-diagonal), never "cost != 0 in Double": a
    /// synapse of 1e-170 has cost 1e-340, which underflows, but it is there. When some cost is not a
    /// normal Double the costs are kept as logarithms and, without `keepAll`, each strongly connected
    /// component is rescaled (and, if its range is still too wide, pre-balanced in the log domain) before
    /// the solver sees it; balance inside a component is invariant under both (g = 0 is homogeneous in c).
    init(n: Int, rowStart inRowStart: [Int], column inColumn: [Int32], values: [Double], cost: CostModel,
         keepAll: Bool, keepWeights: Bool = false) throws {
        self.n = n
        let p = cost.exponent
        exponent = p
        // 1. costs of the support
        var rs = [Int](repeating: 0, count: n + 1)
        var col: [Int32] = []
        var c0: [Double] = []
        var w: [Double] = []
        var al: [Double] = []
        let m = values.count
        c0.reserveCapacity(m)
        if keepWeights { w.reserveCapacity(m); al.reserveCapacity(m) }
        var diagonal = LogSum()
        var needsLogForm = false
        // While every entry so far is kept, the kept columns are the input's: `col` stays empty and the
        // input's column array is shared, not copied. A diagonal synapse (invariant, its cost counted in
        // `diagonalCost`) stays in place as a zero-cost self-loop, which adds exactly 0 to every sum and
        // changes no component, unless weights are kept (the (J, h) flow integrates every entry it has).
        var sharesColumns = true
        var placeholders = 0
        for i in 0..<n {
            for k in inRowStart[i]..<inRowStart[i + 1] {
                let j = Int(inColumn[k])
                let v = values[k]
                let a = v == 0 ? 0 : cost.alpha(i, j, n)
                if a == 0 || i == j {
                    if a != 0 {
                        let c = a * cost.power(v)
                        if CostGraph.isPlain(c) { diagonal.add(c) } else { diagonal.add(logOf: CostGraph.logCost(alpha: a, weight: v, exponent: p)) }
                        if !keepWeights {
                            if !sharesColumns { col.append(Int32(j)) }
                            c0.append(0)
                            placeholders += 1
                            continue
                        }
                    }
                    if sharesColumns { col.reserveCapacity(m); col.append(contentsOf: inColumn[0..<k]); sharesColumns = false }
                    continue
                }
                let c = a * cost.power(v)
                if !CostGraph.isPlain(c) { needsLogForm = true }
                if !sharesColumns { col.append(Int32(j)) }
                c0.append(c)
                if keepWeights { w.append(v); al.append(a) }
            }
            rs[i + 1] = c0.count
        }
        if sharesColumns { col = inColumn }
        var logC: [Double]? = nil
        if needsLogForm {
            // a second pass over the same synapses, in the same order, for their log-costs
            var l: [Double] = []
            l.reserveCapacity(c0.count)
            for i in 0..<n {
                for k in inRowStart[i]..<inRowStart[i + 1] {
                    let j = Int(inColumn[k]), v = values[k]
                    if v == 0 || (i == j && keepWeights) { continue }
                    let a = cost.alpha(i, j, n)
                    if a == 0 { continue }
                    l.append(i == j ? -.infinity : CostGraph.logCost(alpha: a, weight: v, exponent: p))
                }
            }
            logC = l
        }
        logDiagonalCost = diagonal.logValue
        diagonalCost = diagonal.value
        // 2. synapses between different strongly connected components lie on no directed cycle
        var aside: [SynapseIndex] = []
        var asideLog: [Double] = []
        var asideCost = 0.0
        let scc = StronglyConnectedComponents(vertexCount: n, rowStart: rs, target: col, include: { _ in true })
        var crossing = 0
        for i in 0..<n {
            for k in rs[i]..<rs[i + 1] where scc.component[i] != scc.component[Int(col[k])] {
                aside.append(SynapseIndex(post: i, pre: Int(col[k])))
                asideLog.append(logC?[k] ?? Double.log(c0[k]))
                asideCost += c0[k]
                crossing += 1
            }
        }
        // Compaction: drops the synapses set aside (unless every synapse is kept), and the zero-cost
        // self-loops too when the costs go to the log form (whose pre-balance wants only real costs).
        let dropsCrossing = crossing > 0 && !keepAll
        if dropsCrossing || (placeholders > 0 && needsLogForm) {
            var rs2 = [Int](repeating: 0, count: n + 1)
            var write = 0
            for i in 0..<n {
                for k in rs[i]..<rs[i + 1] where Int(col[k]) != i && (!dropsCrossing || scc.component[i] == scc.component[Int(col[k])]) {
                    col[write] = col[k]; c0[write] = c0[k]
                    if keepWeights { w[write] = w[k]; al[write] = al[k] }
                    if logC != nil { logC![write] = logC![k] }
                    write += 1
                }
                rs2[i + 1] = write
            }
            col.removeSubrange(write...); c0.removeSubrange(write...)
            if keepWeights { w.removeSubrange(write...); al.removeSubrange(write...) }
            logC?.removeSubrange(write...)
            rs = rs2
        }
        rowStart = rs; column = col; baseCost = c0; weight = w; alpha = al
        logBaseCost = logC
        setAside = aside
        setAsideCost = asideCost
        crossLogCost = asideLog
        strongComponent = scc.component
        strongComponentCount = scc.count
        prescale = nil
        // 3. connected components of the kept synapses (union-find with path halving)
        var parent = [Int32](repeating: 0, count: n)
        for i in 0..<n { parent[i] = Int32(i) }
        func find(_ x: Int) -> Int {
            var x = x
            while Int(parent[x]) != x {
                parent[x] = parent[Int(parent[x])]
                x = Int(parent[x])
            }
            return x
        }
        for i in 0..<n {
            for k in rs[i]..<rs[i + 1] {
                let a = find(i), b = find(Int(col[k]))
                if a != b { parent[max(a, b)] = Int32(min(a, b)) }
            }
        }
        var label = [Int32](repeating: -1, count: n)
        var comp = [Int32](repeating: 0, count: n)
        var sizes: [Int] = []
        for i in 0..<n {
            let r = find(i)
            if label[r] < 0 { label[r] = Int32(sizes.count); sizes.append(0) }
            comp[i] = label[r]
            sizes[Int(label[r])] += 1
        }
        componentOf = comp
        componentCount = sizes.count
        componentSize = sizes
        self.keptAll = keepAll || crossing == 0
        // 4. costs a Double cannot hold: rescale (flows: one factor, a change of time unit only)
        if needsLogForm { try normaliseLogCosts(perComponent: !keepAll) }
    }

    /// Whether a cost is safe for the plain solvers, which add, multiply and square costs: within
    /// [1e-100, 1e100]. Outside, the graph keeps log-costs and rescales.
    @inline(__always)
    static func isPlain(_ c: Double) -> Bool { c >= 1e-100 && c <= 1e100 }

    /// ln(alpha |v|^p), finite for every synapse of the support.
    static func logCost(alpha a: Double, weight v: Double, exponent p: Double) -> Double {
        Double.log(a) + p * Double.log(Swift.abs(v))
    }

    /// Replaces `baseCost` by e^{l - shift} with l the log-costs: one shift for all (a flow's time unit),
    /// or per connected component after a log-domain pre-balance when its range is too wide for Double.
    /// The diagonal then no longer enters the solver's totals (it is invariant and reported separately).
    mutating func normaliseLogCosts(perComponent: Bool) throws {
        guard var logC = logBaseCost else { return }
        if !perComponent {
            // one shift only (a change of the flow's time unit): the costs must then fit in Double together
            let shift = logC.max() ?? 0
            if let low = logC.min(), shift - low > 600 {
                throw BalancingError.didNotConverge(
                    "the synaptic costs span e^\(Int(shift - low)) (from e^\(Int(low)) to e^\(Int(shift))), beyond the range of Double: a flow cannot be integrated in one time unit; use newton or osborne, which rescale each strongly connected component")
            }
            baseCost = logC.map { Double.exp($0 - shift) }
            diagonalCost = Double.exp(logDiagonalCost - shift)
            return
        }
        var h0 = [Double](repeating: 0, count: n)
        LogDomainOsborne.prebalance(graph: self, logCost: logC, logScales: &h0, targetRange: 200)
        let p = exponent
        for i in 0..<n {
            for k in rowStart[i]..<rowStart[i + 1] { logC[k] += p * (h0[Int(column[k])] - h0[i]) }
        }
        var shift = [Double](repeating: -.infinity, count: componentCount)
        for i in 0..<n {
            for k in rowStart[i]..<rowStart[i + 1] { shift[Int(componentOf[i])] = Swift.max(shift[Int(componentOf[i])], logC[k]) }
        }
        for i in 0..<n {
            for k in rowStart[i]..<rowStart[i + 1] { baseCost[k] = Double.exp(logC[k] - shift[Int(componentOf[i])]) }
        }
        diagonalCost = 0
        prescale = h0
    }

    /// Frees the per-synapse arrays (columns, costs, weights, log-costs) once the solver is done with
    /// them; the components, the synapses set aside and the prescale stay.
    mutating func releaseSynapseArrays() {
        rowStart = []; column = []; baseCost = []; weight = []; alpha = []; logBaseCost = nil
    }

    /// Whether every synapse was kept.
    let keptAll: Bool

    var edgeCount: Int { baseCost.count }

    /// Neurons touched by a synapse set aside, sorted.
    var setAsideNeurons: [Int] {
        Array(Set(setAside.flatMap { [$0.pre, $0.post] })).sorted()
    }

    /// Subtracts the mean of h on every connected component (the gauge).
    func centre(_ h: inout [Double]) {
        var sum = [Double](repeating: 0, count: componentCount)
        for i in 0..<n { sum[Int(componentOf[i])] += h[i] }
        for i in 0..<n { h[i] -= sum[Int(componentOf[i])] / Double(componentSize[Int(componentOf[i])]) }
    }

    /// Current costs c_ij(h) = c_ij(0) e^{p (h_j - h_i)} into `current`, and g (incoming minus outgoing);
    /// returns the off-diagonal total. Uses s_i = e^{p h_i} when that cannot overflow, else one exp per synapse.
    func evaluate(logScales h: [Double], current: inout [Double], imbalance g: inout [Double], scratch s: inout [Double]) -> Double {
        current.withUnsafeMutableBufferPointer { cur in accumulate(logScales: h, storingCosts: cur, imbalance: &g, scratch: &s) }
    }

    /// g (incoming minus outgoing) at h and the off-diagonal total, without storing the costs: what the
    /// h-form flow and the Osborne sweeps need, one read of c0 and the columns and no write per synapse.
    /// Same sums, in the same order, as `evaluate(logScales:current:imbalance:scratch:)`.
    func imbalance(logScales h: [Double], imbalance g: inout [Double], scratch s: inout [Double]) -> Double {
        accumulate(logScales: h, storingCosts: nil, imbalance: &g, scratch: &s)
    }

    /// g and the total as `imbalance(logScales:imbalance:scratch:)`, and in the same pass each neuron's
    /// outgoing cost over its own scale, o_j = sum_i c0_ij / s_i = out_j / s_j with s = e^{p h}: the
    /// denominators the Osborne sweep updates in place (docs/math.md "Relation to matrix balancing").
    func imbalance(logScales h: [Double], imbalance g: inout [Double], scratch s: inout [Double],
                   outgoingOverScale o: inout [Double]) -> Double {
        o.withUnsafeMutableBufferPointer { ov in
            accumulate(logScales: h, storingCosts: nil, imbalance: &g, scratch: &s, outgoingOverScale: ov)
        }
    }

    /// The one loop behind both: in_i = sum_j c0_ij e^{p (h_j - h_i)}, g_i += in_i, g_j -= c_ij; costs go
    /// to `store` when given.
    @inline(__always)
    private func accumulate(logScales h: [Double], storingCosts store: UnsafeMutableBufferPointer<Double>?,
                            imbalance g: inout [Double], scratch s: inout [Double],
                            outgoingOverScale outgoing: UnsafeMutableBufferPointer<Double>? = nil) -> Double {
        let p = exponent
        var spread = 0.0
        for x in h { spread = max(spread, Swift.abs(x)) }
        let useScales = p * spread < 300
        if useScales { for i in 0..<n { s[i] = Double.exp(p * h[i]) } }
        var total = 0.0
        rowStart.withUnsafeBufferPointer { rs in
        column.withUnsafeBufferPointer { col in
        baseCost.withUnsafeBufferPointer { c0 in
        g.withUnsafeMutableBufferPointer { gv in
        h.withUnsafeBufferPointer { hv in
        s.withUnsafeBufferPointer { sv in
            for i in 0..<n { gv[i] = 0 }
            if let outgoing { for i in 0..<n { outgoing[i] = 0 } }
            for i in 0..<n {
                var incoming = 0.0
                if useScales {
                    // in_i = (1 / s_i) sum_j c0_ij s_j; each term leaves neuron j as outgoing cost
                    let inv = 1 / sv[i]
                    for k in rs[i]..<rs[i + 1] {
                        let j = Int(col[k])
                        let c = c0[k] * sv[j] * inv
                        store?[k] = c
                        outgoing?[j] += c0[k] * inv
                        incoming += c
                        gv[j] -= c
                    }
                } else {
                    let hi = hv[i]
                    let inv = outgoing == nil ? 0 : Double.exp(-p * hi)
                    for k in rs[i]..<rs[i + 1] {
                        let j = Int(col[k])
                        let c = c0[k] * Double.exp(p * (hv[j] - hi))
                        store?[k] = c
                        outgoing?[j] += c0[k] * inv
                        incoming += c
                        gv[j] -= c
                    }
                }
                gv[i] += incoming
                total += incoming
            }
        }}}}}}
        return total
    }

    /// Costs alpha_ij |v_ij|^p of integrated weights v (the (J, h) flow) into `current`, and g; returns the total.
    func evaluate(weights v: [Double], current: inout [Double], imbalance g: inout [Double]) -> Double {
        let p = exponent
        var total = 0.0
        rowStart.withUnsafeBufferPointer { rs in
        column.withUnsafeBufferPointer { col in
        alpha.withUnsafeBufferPointer { al in
        v.withUnsafeBufferPointer { vv in
        current.withUnsafeMutableBufferPointer { cur in
        g.withUnsafeMutableBufferPointer { gv in
            for i in 0..<n { gv[i] = 0 }
            for i in 0..<n {
                var incoming = 0.0
                for k in rs[i]..<rs[i + 1] {
                    let a = Swift.abs(vv[k])
                    let c: Double
                    if p == 2 { c = al[k] * a * a } else if p == 1 { c = al[k] * a } else { c = a == 0 ? 0 : al[k] * Double.pow(a, p) }
                    cur[k] = c
                    incoming += c
                    gv[Int(col[k])] -= c
                }
                gv[i] += incoming
                total += incoming
            }
        }}}}}}
        return total
    }
}
