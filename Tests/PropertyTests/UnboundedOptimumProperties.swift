import BalancingTesting
import PropertyBased
import SynapticBalancing
import Testing

/// Optima at infinity (one-way synapses) are detected, named exactly, and never produce NaN/Inf.
@Suite(.shrinking) struct UnboundedOptimumProperties {
    @Test(arguments: [0, 1, 3]) func oneWaySynapsesAreNamedAndFiniteOnBalance(solverIndex: Int) async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6),
                            input: NetworkGenerators.networks(topology: .oneWaySynapse)) { sample in
            FailureReporting.expectProperty(sample, "unbounded detection, solver \(solverIndex)") { sample in
                let run = try runCatalogSolver(solverIndex, on: sample)
                #expect(!run.result.unboundedSynapses.isEmpty || UnboundedSynapseOracle.synapsesOnNoCycle(of: sample).isEmpty)
                try UnboundedOptimumChecker.check(run.J, cost: run.cost, result: run.result)
                try BalanceCertificateChecker.check(run.J, cost: run.cost, solver: run.entry.solver,
                                                    tolerance: run.entry.options.tolerance, result: run.result)
            }
        }
    }

    /// `.followFlow` integrates the full rule toward infinity: still finite, and the synapses named.
    @Test func followingTheFlowTowardInfinityStaysFinite() async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6),
                            input: NetworkGenerators.networks(topology: .oneWaySynapse)) { sample in
            FailureReporting.expectProperty(sample, "unbounded follow-flow finiteness") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                var options = BalancingOptions(tolerance: 1e-10, maxIterations: 300, recordPath: true,
                                               unboundedPolicy: .followFlow)
                options.maxTime = 1e6
                let result = try balance(J, cost: cost, solver: .flow(.dormandPrince(relativeTolerance: 1e-6), .logScalesOnly),
                                         options: options)
                try UnboundedOptimumChecker.check(J, cost: cost, result: result)
            }
        }
    }

    /// `.reject` throws `unboundedOptimum` exactly when the oracle finds a synapse on no cycle.
    @Test func rejectingPolicyThrowsExactlyForOneWaySynapses() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "rejectingPolicyThrowsExactlyForOneWaySynapses") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let oracle = UnboundedSynapseOracle.synapsesOnNoCycle(of: sample)
                var options = BalancingOptions()
                options.unboundedPolicy = .reject
                do {
                    _ = try balance(J, cost: cost, solver: .newton, options: options)
                    #expect(oracle.isEmpty, "no error although \(oracle) lie on no cycle: \(sample)")
                } catch let BalancingError.unboundedOptimum(_, synapses) {
                    #expect(Set(synapses) == Set(oracle), "reported \(synapses), oracle \(oracle): \(sample)")
                }
            }
        }
    }
}
