import ArgumentParser

/// Solver names on the command line.
public enum SolverName: String, ExpressibleByArgument, CaseIterable, Sendable {
    case newton, osborne, osborneRandom = "osborne-random", euler, rk4, dopri
}
