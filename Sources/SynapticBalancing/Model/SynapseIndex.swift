/// The position of one synapse in J: `J[post, pre]` is the weight from neuron `pre` to neuron `post`
/// (row `post` of J holds the synapses into `post`).
public struct SynapseIndex: Hashable, Sendable, Codable, Comparable {
    /// The postsynaptic neuron (row of J).
    public var post: Int
    /// The presynaptic neuron (column of J).
    public var pre: Int

    public init(post: Int, pre: Int) {
        self.post = post
        self.pre = pre
    }

    public static func < (a: SynapseIndex, b: SynapseIndex) -> Bool {
        (a.post, a.pre) < (b.post, b.pre)
    }
}
