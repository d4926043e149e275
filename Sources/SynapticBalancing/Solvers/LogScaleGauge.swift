/// The gauge of the log-scales h (docs/reducible-networks.md "Gauge"): adding a constant to h on a
/// connected component of the cost graph (the synapses i != j with c_ij > 0, in either direction)
/// changes no cost and no g, so the balance fixes it as the flow dh/dt = g does. Started at h = 0 the
/// flow keeps the sum of h over every such component at 0, because g sums to 0 on it (each synapse's
/// cost enters g once with each sign). The network still changes with the gauge: W_in / d_i, W_out d_j,
/// b / d_i and the state x~ = D^-1 x scale with it, and so does the effect of state noise.
enum LogScaleGauge {
    /// Subtracts from h its mean on each connected component of the cost graph of CSR input J.
    static func centre(_ h: inout [Double], n: Int, rowStart: [Int], column: [Int32], values: [Double], cost: CostModel) {
        // Union-find over the cost-bearing synapses.
        var parent = Array(0..<n)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for i in 0..<n {
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(column[k])
                guard j != i, values[k] != 0, cost.alpha(i, j, n) != 0 else { continue }
                let (a, b) = (root(i), root(j))
                if a != b { parent[a] = b }
            }
        }
        var sum = [Double](repeating: 0, count: n), size = [Int](repeating: 0, count: n)
        for i in 0..<n { let r = root(i); sum[r] += h[i]; size[r] += 1 }
        for i in 0..<n { let r = root(i); h[i] -= sum[r] / Double(size[r]) }
    }
}
