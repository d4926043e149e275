/// The shape of the support graph a generated network starts from (shrinking may remove neurons and
/// synapses afterwards, so a shrunk network need not keep its shape).
public enum NetworkTopology: String, Sendable, Hashable, CaseIterable {
    /// Each ordered pair i != j carries a synapse with a probability drawn from [0, 1] (empty to full).
    case randomDensity = "random-density"
    /// A directed ring 0 -> 1 -> ... -> N-1 -> 0 (a single cycle: the optimum is finite).
    case ring
    /// Reciprocal pairs (0 <-> 1), (2 <-> 3), ...: each pair balances to c = sqrt(c_ij c_ji).
    case reciprocalPairs = "reciprocal-pairs"
    /// A single one-way synapse 0 -> 1 on no cycle (optimum at infinity), plus random synapses among the
    /// other neurons.
    case oneWaySynapse = "one-way-synapse"
    /// Two random blocks with no synapse between them (two connected components, two gauges).
    case disconnectedParts = "disconnected-parts"
    /// Strongly connected blocks (each a ring plus random chords, singletons allowed) joined by synapses
    /// from earlier to later blocks only: the support is a DAG of blocks, as in every real connectome,
    /// and the synapses between blocks lie on no directed cycle.
    case dagOfBlocks = "dag-of-blocks"
}
