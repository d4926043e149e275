import BalancingTesting
import PropertyBased
import SynapticBalancing
import Testing

/// Every solver's result satisfies the exact balance certificate of its reported |g|/C (within the
/// documented slack), and its unbounded-synapse report matches the graph oracle without NaN/Inf.
@Suite(.shrinking) struct SolverCertificateProperties {
    @Test(arguments: 0..<SolverCatalog.count) func solverResultIsCertifiedExactly(solverIndex: Int) async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6), input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "balance certificate, solver \(solverIndex)") { sample in
                let run = try runCatalogSolver(solverIndex, on: sample)
                if case .newton = run.entry.solver { #expect(run.result.converged, "Newton did not converge: \(run.result.relativeImbalance)") }
                // Osborne and the fixed-step flows may stop unconverged on ill-conditioned networks (e.g. a
                // p = 4 cost ratio of 2^-24 needs more than 10 000 Osborne sweeps); their report is still checked.
                try UnboundedOptimumChecker.check(run.J, cost: run.cost, result: run.result)
                try BalanceCertificateChecker.check(run.J, cost: run.cost, solver: run.entry.solver,
                                                    tolerance: run.entry.options.tolerance, result: run.result)
            }
        }
    }
}
