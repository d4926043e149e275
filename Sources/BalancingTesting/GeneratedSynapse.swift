import Rationals

/// One synapse J[post, pre] = weight (from neuron `pre` to neuron `post`) of a generated network.
/// `post == pre` is a self-loop (its cost is invariant under balancing).
public struct GeneratedSynapse: Sendable, Hashable {
    /// The postsynaptic neuron i (row of J).
    public var post: Int
    /// The presynaptic neuron j (column of J).
    public var pre: Int
    /// J_ij, never zero.
    public var weight: Rational

    public init(post: Int, pre: Int, weight: Rational) {
        precondition(!weight.isZero, "a generated synapse has a nonzero weight")
        self.post = post
        self.pre = pre
        self.weight = weight
    }

    /// Whether the synapse is a self-loop J_ii.
    public var isSelfLoop: Bool { post == pre }
}

import SynapticBalancing

extension GeneratedSynapse {
    /// The position J[post, pre] as a `SynapseIndex`.
    public var index: SynapseIndex { SynapseIndex(post: post, pre: pre) }
}
