import BalancingVerification
import Rationals
import SynapticBalancing

/// The graph oracle for optima at infinity (docs/math.md "Balance condition and optimum"): a synapse
/// j -> i (i != j, positive cost) lies on a directed cycle iff i reaches j along synapses; the cost has a
/// finite minimiser iff every synapse does. Computed by breadth-first search, independently of the
/// strongly-connected-component code of `SynapticBalancing`.
public enum UnboundedSynapseOracle {
    /// Synapses (i != j, c_ij > 0) on no directed cycle of the support of the cost matrix c, sorted.
    public static func synapsesOnNoCycle(costs c: Matrix<Rational>) -> [SynapseIndex] {
        let n = c.rows
        var successors = Array(repeating: [Int](), count: n)   // edge pre -> post
        for i in 0..<n { for j in 0..<n where i != j && c[i, j].signum > 0 { successors[j].append(i) } }
        return synapsesOnNoCycle(successors: successors)
    }

    /// The same for a generated network (every generated synapse has a positive cost).
    public static func synapsesOnNoCycle(of network: GeneratedNetwork) -> [SynapseIndex] {
        var successors = Array(repeating: [Int](), count: network.neuronCount)
        for s in network.synapses where !s.isSelfLoop { successors[s.pre].append(s.post) }
        return synapsesOnNoCycle(successors: successors)
    }

    static func synapsesOnNoCycle(successors: [[Int]]) -> [SynapseIndex] {
        let n = successors.count
        var reach = Array(repeating: Array(repeating: false, count: n), count: n)
        for start in 0..<n {
            var stack = [start]
            reach[start][start] = true
            while let v = stack.popLast() {
                for w in successors[v] where !reach[start][w] { reach[start][w] = true; stack.append(w) }
            }
        }
        var out: [SynapseIndex] = []
        for pre in 0..<n { for post in successors[pre] where !reach[post][pre] { out.append(SynapseIndex(post: post, pre: pre)) } }
        return out.sorted()
    }

    /// c with the synapses on no cycle set to 0: the finite part that balancing equilibrates.
    public static func finitePart(of c: Matrix<Rational>) -> Matrix<Rational> {
        var kept = c
        for s in synapsesOnNoCycle(costs: c) { kept[s.post, s.pre] = 0 }
        return kept
    }
}
