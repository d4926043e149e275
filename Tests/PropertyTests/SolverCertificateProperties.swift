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
                if case .osborneCyclic = run.entry.solver { #expect(run.result.converged, "Osborne did not converge") }
                try UnboundedOptimumChecker.check(run.J, cost: run.cost, result: run.result)
                try BalanceCertificateChecker.check(run.J, cost: run.cost, solver: run.entry.solver,
                                                    tolerance: run.entry.options.tolerance, result: run.result)
            }
        }
    }
}
