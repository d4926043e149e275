import ArgumentParser

/// Which cost to balance.
package enum CostName: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The cost named in the network file ("cost"), else Frobenius.
    case file
    /// p = 2, alpha = 1.
    case frobenius
    /// p = 2, alpha_ij = r_j, the mean gain of presynaptic neuron j over simulated trials.
    case robustness
}
