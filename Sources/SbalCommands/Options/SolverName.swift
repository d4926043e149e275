import ArgumentParser

/// Solver names on the command line.
package enum SolverName: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, newton, osborne, osborneRandom = "osborne-random", euler, rk4, dopri

    /// The solver that runs: `auto` is cyclic Osborne for every structure. Measured for issue 16 (release build,
    /// N = 1024 and 4096, dense, scaled J_ij exp(3 r_i - 3 r_j) and 10 % sparse, |g|/C <= 1e-10): Osborne's solve
    /// time was 7-24x below Newton's on dense and scaled inputs and within noise of it (0.9-1.1x) on the sparse
    /// ones, and it reaches the bounded optimum inside each component of a reducible network
    /// (docs/reducible-networks.md), so no structure test is needed to stay within 1.2x of the best solver.
    package var resolved: SolverName { self == .auto ? .osborne : self }

    /// The name the reports show: `auto (osborne)` for auto.
    package var label: String { self == .auto ? "auto (\(resolved.rawValue))" : rawValue }
}
