import RealModule

/// The off-diagonal synapses being balanced, as CSR of their costs c_ij(0) > 0 (Int32 columns), with
/// the weights J_ij and cost weights alpha_ij at the same positions (for the (J, h) flow), the invariant
/// diagonal cost, the synapses set aside because they lie on no directed cycle, and the connected
/// components that fix the gauge.
struct CostGraph {
    let n: Int
    let exponent: Double
    var rowStart: [Int]
    var column: [Int32]
    var baseCost: [Double]
    var weight: [Double]
    var alpha: [Double]
    /// sum_i c_ii (invariant).
    var diagonalCost: Double
    /// Off-diagonal synapses (with positive cost) set aside: on no directed cycle.
    var setAside: [SynapseIndex]
    /// Their cost at h = 0.
    var setAsideCost: Double
    /// Connected component of each neuron in the graph of kept synapses (undirected), and the count.
    var componentOf: [Int32]
    var componentCount: Int
    var componentSize: [Int]

    /// Builds the graph from CSR input J; `keepAll` keeps every synapse (flows with `.followFlow`).
    init(n: Int, rowStart inRowStart: [Int], column inColumn: [Int32], values: [Double], cost: CostModel,
         keepAll: Bool) throws {
        self.n = n
        exponent = cost.exponent
        // 1. costs of the stored entries
        var rs = [Int](repeating: 0, count: n + 1)
        var col: [Int32] = []
        var c0: [Double] = []
        var w: [Double] = []
        var al: [Double] = []
        let m = values.count
        col.reserveCapacity(m); c0.reserveCapacity(m); w.reserveCapacity(m); al.reserveCapacity(m)
        var diagonal = 0.0
        for i in 0..<n {
            for k in inRowStart[i]..<inRowStart[i + 1] {
                let j = Int(inColumn[k])
                let v = values[k]
                if v == 0 { continue }
                let a = cost.alpha(i, j, n)
                let c = a * cost.power(v)
                guard c.isFinite else {
                    throw BalancingError.nonFinite(field: "cost alpha |J|^p of synapse \(j)->\(i) (overflow)", index: i * n + j)
                }
                if i == j { diagonal += c; continue }
                if c == 0 { continue }
                col.append(Int32(j)); c0.append(c); w.append(v); al.append(a)
            }
            rs[i + 1] = c0.count
        }
        diagonalCost = diagonal
        // 2. synapses between different strongly connected components lie on no directed cycle
        var aside: [SynapseIndex] = []
        var asideCost = 0.0
        let scc = StronglyConnectedComponents(vertexCount: n, rowStart: rs, target: col, include: { _ in true })
        var crossing = 0
        for i in 0..<n {
            for k in rs[i]..<rs[i + 1] where scc.component[i] != scc.component[Int(col[k])] {
                aside.append(SynapseIndex(post: i, pre: Int(col[k])))
                asideCost += c0[k]
                crossing += 1
            }
        }
        if crossing > 0 && !keepAll {
            var rs2 = [Int](repeating: 0, count: n + 1)
            var write = 0
            for i in 0..<n {
                for k in rs[i]..<rs[i + 1] where scc.component[i] == scc.component[Int(col[k])] {
                    col[write] = col[k]; c0[write] = c0[k]; w[write] = w[k]; al[write] = al[k]
                    write += 1
                }
                rs2[i + 1] = write
            }
            col.removeSubrange(write...); c0.removeSubrange(write...); w.removeSubrange(write...); al.removeSubrange(write...)
            rs = rs2
        }
        rowStart = rs; column = col; baseCost = c0; weight = w; alpha = al
        setAside = aside
        setAsideCost = asideCost
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
        let p = exponent
        var spread = 0.0
        for x in h { spread = max(spread, Swift.abs(x)) }
        let useScales = p * spread < 300
        if useScales { for i in 0..<n { s[i] = Double.exp(p * h[i]) } }
        var total = 0.0
        rowStart.withUnsafeBufferPointer { rs in
        column.withUnsafeBufferPointer { col in
        baseCost.withUnsafeBufferPointer { c0 in
        current.withUnsafeMutableBufferPointer { cur in
        g.withUnsafeMutableBufferPointer { gv in
        h.withUnsafeBufferPointer { hv in
        s.withUnsafeBufferPointer { sv in
            for i in 0..<n { gv[i] = 0 }
            for i in 0..<n {
                var incoming = 0.0
                if useScales {
                    let inv = 1 / sv[i]
                    for k in rs[i]..<rs[i + 1] {
                        let j = Int(col[k])
                        let c = c0[k] * sv[j] * inv
                        cur[k] = c
                        incoming += c
                        gv[j] -= c
                    }
                } else {
                    let hi = hv[i]
                    for k in rs[i]..<rs[i + 1] {
                        let j = Int(col[k])
                        let c = c0[k] * Double.exp(p * (hv[j] - hi))
                        cur[k] = c
                        incoming += c
                        gv[j] -= c
                    }
                }
                gv[i] += incoming
                total += incoming
            }
        }}}}}}}
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
