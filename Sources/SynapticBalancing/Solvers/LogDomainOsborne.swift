import RealModule

/// Osborne sweeps on log-costs (MATH notes in docs/reducible-networks.md): at neuron k,
/// delta = (ln in_k - ln out_k) / (2p) equalises its incoming and outgoing cost (exact coordinate descent
/// on C), with both sums formed by log-sum-exp, so no cost ever under- or overflows. Used only to bring
/// the costs of a strongly connected component into the range of Double before the chosen solver runs.
enum LogDomainOsborne {
    /// Sweeps until on every connected component of the kept synapses the log-costs at `logScales` span at
    /// most `targetRange`, or 1000 sweeps, or no neuron moves. `logScales` is updated in place.
    static func prebalance(graph: CostGraph, logCost: [Double], logScales h: inout [Double], targetRange: Double) {
        let n = graph.n, p = graph.exponent
        // outgoing synapses of each neuron (the transpose), as positions in the CSR of incoming ones
        var outStart = [Int](repeating: 0, count: n + 1)
        for j in graph.column { outStart[Int(j) + 1] += 1 }
        for j in 0..<n { outStart[j + 1] += outStart[j] }
        var fill = outStart
        var outEdge = [Int](repeating: 0, count: graph.column.count)
        var outPost = [Int32](repeating: 0, count: graph.column.count)
        for i in 0..<n {
            for k in graph.rowStart[i]..<graph.rowStart[i + 1] {
                let j = Int(graph.column[k])
                outEdge[fill[j]] = k; outPost[fill[j]] = Int32(i); fill[j] += 1
            }
        }
        func rangeFits() -> Bool {
            var low = [Double](repeating: .infinity, count: graph.componentCount)
            var high = [Double](repeating: -.infinity, count: graph.componentCount)
            for i in 0..<n {
                let c = Int(graph.componentOf[i])
                for k in graph.rowStart[i]..<graph.rowStart[i + 1] {
                    let l = logCost[k] + p * (h[Int(graph.column[k])] - h[i])
                    low[c] = Swift.min(low[c], l); high[c] = Swift.max(high[c], l)
                }
            }
            return zip(low, high).allSatisfy { !($0.1 - $0.0 > targetRange) }
        }
        var sweeps = 0
        while !rangeFits() && sweeps < 1000 {
            var largest = 0.0
            for k in 0..<n {
                var incoming = LogSum(), outgoing = LogSum()
                for e in graph.rowStart[k]..<graph.rowStart[k + 1] {
                    incoming.add(logOf: logCost[e] + p * (h[Int(graph.column[e])] - h[k]))
                }
                for q in outStart[k]..<outStart[k + 1] {
                    outgoing.add(logOf: logCost[outEdge[q]] + p * (h[k] - h[Int(outPost[q])]))
                }
                let li = incoming.logValue, lo = outgoing.logValue
                guard li.isFinite, lo.isFinite else { continue }
                let delta = (li - lo) / (2 * p)
                h[k] += delta
                largest = Swift.max(largest, Swift.abs(delta))
            }
            sweeps += 1
            if largest == 0 { break }
        }
    }
}
