import ArgumentParser

/// Solver names on the command line.
package enum SolverName: String, ExpressibleByArgument, CaseIterable, Sendable {
    case newton, osborne, osborneRandom = "osborne-random", euler, rk4, dopri
}
