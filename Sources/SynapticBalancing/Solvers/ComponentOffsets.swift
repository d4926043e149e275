import RealModule

/// The offsets between strongly connected components (docs/reducible-networks.md): with the log-scales
/// a_i that balance each component fixed, h_i = a_i + t_{K(i)} leaves every cost inside a component
/// unchanged, and the synapses j -> i between components cost
///     F(t) = sum_e c_e e^{p (a_j - a_i)} e^{p (t_{K(j)} - t_{K(i)})},
/// a convex function of t that falls towards 0 only as the components move apart without bound. The
/// bound |h_i| <= S / 2 (log-scale spread at most S) is a box on each t_K:
///     -S/2 - min_{i in K} a_i <= t_K <= S/2 - max_{i in K} a_i.
/// F is minimised on that box by exact coordinate descent (the minimiser of A e^{-p t} + B e^{p t} is
/// t = ln(A/B) / (2p), clamped), in log form so that no term under- or overflows, from a start that spreads
/// the components evenly by their level in the condensation DAG.
struct ComponentOffsets {
    /// t_K per strongly connected component.
    var offsets: [Double]
    /// Whether the box of every component is non-empty (the balanced components fit in the spread bound).
    var fits: Bool

    /// - Parameters:
    ///   - component: strongly connected component of each neuron; `count` components.
    ///   - inside: a_i, the log-scales that balance each component.
    ///   - crossPost, crossPre, crossLogCost: the synapses between components and ln c_e at h = 0.
    ///   - exponent: p.
    ///   - spread: S.
    init(component: [Int32], count: Int, inside a: [Double], crossPost: [Int], crossPre: [Int],
         crossLogCost: [Double], exponent p: Double, spread: Double) {
        var low = [Double](repeating: -.infinity, count: count)
        var high = [Double](repeating: .infinity, count: count)
        var minA = [Double](repeating: .infinity, count: count)
        var maxA = [Double](repeating: -.infinity, count: count)
        for (i, k) in component.enumerated() {
            minA[Int(k)] = Swift.min(minA[Int(k)], a[i]); maxA[Int(k)] = Swift.max(maxA[Int(k)], a[i])
        }
        // the bound is on the spread beyond what balancing the widest component itself needs
        let widest = (0..<count).map { maxA[$0] - minA[$0] }.filter(\.isFinite).max() ?? 0
        let spread = spread + widest
        var fits = true
        for k in 0..<count {
            low[k] = -spread / 2 - minA[k]
            high[k] = spread / 2 - maxA[k]
            if low[k] > high[k] {
                fits = false
                let mid = -(minA[k] + maxA[k]) / 2  // centre the component: its spread alone exceeds S
                low[k] = mid; high[k] = mid
            }
        }
        // cross synapses grouped by the component they enter and the one they leave
        let m = crossPost.count
        var weightLog = [Double](repeating: 0, count: m)  // ln c_e + p (a_j - a_i)
        var into = [[Int]](repeating: [], count: count), outOf = [[Int]](repeating: [], count: count)
        for e in 0..<m {
            weightLog[e] = crossLogCost[e] + p * (a[crossPre[e]] - a[crossPost[e]])
            into[Int(component[crossPost[e]])].append(e)
            outOf[Int(component[crossPre[e]])].append(e)
        }
        // start: components spread evenly over the box by their level in the condensation (longest path
        // from a source, Kahn's algorithm), downstream higher, which the descent then refines
        var level = [Int](repeating: 0, count: count)
        var remaining = into.map(\.count)
        var queue = (0..<count).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let k = queue[head]; head += 1
            for e in outOf[k] {
                let target = Int(component[crossPost[e]])
                level[target] = Swift.max(level[target], level[k] + 1)
                remaining[target] -= 1
                if remaining[target] == 0 { queue.append(target) }
            }
        }
        let deepest = Swift.max(level.max() ?? 0, 1)
        var t = (0..<count).map { k -> Double in
            let centre = into[k].isEmpty && outOf[k].isEmpty ? 0 : -spread / 2 + spread * Double(level[k]) / Double(deepest)
            let shifted = centre - (minA[k].isFinite ? (minA[k] + maxA[k]) / 2 : 0)
            return Swift.min(Swift.max(shifted, low[k]), high[k])
        }
        let active = (0..<count).filter { !into[$0].isEmpty || !outOf[$0].isEmpty }
        // each sweep lowers F, so any stopping point is valid: bound the work to about 5e7 synapse visits
        let sweeps = Swift.max(3, Swift.min(2000, 50_000_000 / Swift.max(1, m + active.count)))
        for _ in 0..<sweeps {
            var largest = 0.0
            for k in active {
                var incoming = LogSum(), outgoing = LogSum()  // A and B, without the e^{-+ p t_K} factor
                for e in into[k] { incoming.add(logOf: weightLog[e] + p * t[Int(component[crossPre[e]])]) }
                for e in outOf[k] { outgoing.add(logOf: weightLog[e] - p * t[Int(component[crossPost[e]])]) }
                let la = incoming.logValue, lb = outgoing.logValue
                let target: Double
                if la == -.infinity { target = low[k] } else if lb == -.infinity { target = high[k] } else { target = (la - lb) / (2 * p) }
                let next = Swift.min(Swift.max(target, low[k]), high[k])
                largest = Swift.max(largest, Swift.abs(next - t[k]))
                t[k] = next
            }
            if largest <= 1e-13 * Swift.max(1, spread) { break }
        }
        offsets = t
        self.fits = fits
    }
}
