import Rationals

/// A complete set of cycle invariants of the orbit {D^-1 J D : d > 0}: the fundamental cycles of a
/// spanning forest of the undirected support graph of J (off-diagonal nonzero entries; a reciprocal
/// pair J_ij, J_ji gives two parallel edges).
///
/// Each cycle is walked as a closed path a -> b -> ... -> a. Stepping from a to b along a synapse
/// b <- a (its own direction) multiplies by J_ba; stepping against a synapse a <- b divides by J_ab.
/// Under J~_ij = J_ij d_j / d_i every step contributes d_a / d_b, which telescopes to 1, so these
/// "signed cycle ratios" are invariant; for a directed cycle they are the ordinary cycle products.
/// There are (#off-diagonal synapses) - N + (#components) of them, and together with the signs of
/// the entries they determine the orbit (see `orbitWitness(of:)`).
public struct CycleBasis: Sendable, Equatable {
    /// One step of a cycle: synapse J[post, pre], walked along (multiply) or against (divide) it.
    public struct Step: Sendable, Hashable, Codable {
        public var post: Int
        public var pre: Int
        public var alongDirection: Bool
    }

    /// A fundamental cycle: the non-tree synapse that closes it, then the tree path back.
    public struct Cycle: Sendable, Hashable {
        public var steps: [Step]
        /// A formula naming the invariant, e.g. "J[1,0] * J[2,1] / J[2,0]".
        public var name: String {
            var text = ""
            for step in steps where step.alongDirection {
                text += (text.isEmpty ? "" : " * ") + "J[\(step.post),\(step.pre)]"
            }
            if text.isEmpty { text = "1" }
            for step in steps where !step.alongDirection { text += " / J[\(step.post),\(step.pre)]" }
            return text
        }
    }

    /// N.
    public let neuronCount: Int
    /// Number of nonzero off-diagonal entries of J (directed synapses i != j).
    public let offDiagonalSynapseCount: Int
    /// Connected components of the undirected support graph (isolated neurons count).
    public let componentCount: Int
    /// The fundamental cycles: (#off-diagonal synapses) - N + (#components) of them.
    public let cycles: [Cycle]
    /// For each neuron, the tree synapse to its parent in the spanning forest (nil at a root).
    let parentSynapse: [Step?]
    /// Neurons in breadth-first order (parents before children).
    let order: [Int]

    /// The basis of the support graph of J (entries J_ij != 0 with i != j).
    public init(supportOf weights: Matrix<Rational>) {
        let n = weights.rows
        var edges: [(post: Int, pre: Int)] = []
        var incident = Array(repeating: [Int](), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j && !weights[i, j].isZero {
                incident[i].append(edges.count)
                incident[j].append(edges.count)
                edges.append((i, j))
            }
        }
        // Breadth-first spanning forest; parentSynapse[v] is the step from v up to its parent.
        var parent = Array(repeating: Step?.none, count: n)
        var parentVertex = Array(repeating: -1, count: n)
        var depth = Array(repeating: -1, count: n)
        var treeEdge = Array(repeating: false, count: edges.count)
        var order: [Int] = []
        var components = 0
        for root in 0..<n where depth[root] < 0 {
            components += 1
            depth[root] = 0
            var queue = [root]
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                order.append(v)
                for e in incident[v] {
                    let (post, pre) = edges[e]
                    let w = post == v ? pre : post
                    guard depth[w] < 0 else { continue }
                    depth[w] = depth[v] + 1
                    parentVertex[w] = v
                    // From w up to v: along the synapse when w is its presynaptic neuron.
                    parent[w] = Step(post: post, pre: pre, alongDirection: pre == w)
                    treeEdge[e] = true
                    queue.append(w)
                }
            }
        }
        // Fundamental cycle of a non-tree synapse i <- j: j -> i along it, then the tree path i -> j.
        var cycles: [Cycle] = []
        for (e, edge) in edges.enumerated() where !treeEdge[e] {
            var steps = [Step(post: edge.post, pre: edge.pre, alongDirection: true)]
            var up: [Step] = []      // from i up to the common ancestor
            var down: [Step] = []    // from j up to the common ancestor (reversed later)
            var a = edge.post, b = edge.pre
            while a != b {
                if depth[a] >= depth[b] {
                    up.append(parent[a]!)
                    a = parentVertex[a]
                } else {
                    down.append(parent[b]!)
                    b = parentVertex[b]
                }
            }
            steps += up
            for step in down.reversed() {
                // Walking from the parent down to the child reverses the direction of the step.
                steps.append(Step(post: step.post, pre: step.pre, alongDirection: !step.alongDirection))
            }
            cycles.append(Cycle(steps: steps))
        }
        self.neuronCount = n
        self.offDiagonalSynapseCount = edges.count
        self.componentCount = components
        self.cycles = cycles
        self.parentSynapse = parent
        self.order = order
    }

    /// (#off-diagonal synapses) - N + (#components): independent invariants of the off-diagonal weights.
    public var independentCycleCount: Int { cycles.count }

    /// The signed cycle ratio of `cycle` in the matrix M (nil if an entry walked against is zero).
    public func value(of cycle: Cycle, in matrix: Matrix<Rational>) -> Rational? {
        var numerator = Rational(1)
        var denominator = Rational(1)
        for step in cycle.steps {
            let entry = matrix[step.post, step.pre]
            if step.alongDirection { numerator *= entry } else { denominator *= entry }
        }
        return denominator.isZero ? nil : numerator / denominator
    }

    /// Scales d > 0 with other = D^-1 J D along the spanning forest (d = 1 at every root), found from
    /// the tree synapses alone: J~_ab = J_ab d_b / d_a. Nil if a tree entry of `other` is zero or of
    /// the other sign. Whether other == D^-1 J D then holds for all entries is for the caller to check.
    public func orbitWitness(of weights: Matrix<Rational>, other: Matrix<Rational>) -> [Rational]? {
        var d = Array(repeating: Rational(1), count: neuronCount)
        for v in order {
            guard let step = parentSynapse[v] else { continue }
            let ratio = other[step.post, step.pre] / weights[step.post, step.pre]   // = d_pre / d_post
            guard ratio.signum > 0 else { return nil }
            if step.pre == v {
                d[v] = ratio * d[step.post]
            } else {
                d[v] = d[step.pre] / ratio
            }
        }
        return d
    }
}
