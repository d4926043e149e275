import SynapticBalancing

/// What a float solver claims to have balanced.
public enum BalanceClaim: Sendable, Equatable {
    /// Log scales h: the balanced weights are D^-1 J D with d = exp(h) (Newton, Osborne, h-only flows).
    case logScales([Double])
    /// The balanced weights themselves (the (J, h) flow integrates J, which leaves the orbit).
    case balancedWeights(DenseMatrix)
}
