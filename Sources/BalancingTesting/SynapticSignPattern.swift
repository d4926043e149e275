/// The signs of a generated network's synapses.
public enum SynapticSignPattern: String, Sendable, Hashable, CaseIterable {
    /// Independent random signs.
    case mixed
    /// Every synapse excitatory (positive).
    case excitatory
    /// One sign per presynaptic neuron (Dale's law): column j of J has a single sign.
    case dale
}
