import BalancingTesting
import BalancingVerification
import PropertyBased
import Rationals
import SynapticBalancing
import Testing

/// Balanced and original networks give the same outputs: exactly in rationals, 1e-12 relative in Double.
@Suite(.shrinking) struct OutputInvarianceProperties {
    @Test func outputsAreExactlyInvariantInRationals() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks(), NetworkGenerators.solverIndices) { sample, index in
            FailureReporting.expectProperty(sample, "exact output invariance") { sample in
                let run = try runCatalogSolver(min(index, 3), on: sample)
                let d = try ExactConversion.scales(fromLogScales: run.result.logScales)
                try OutputInvarianceChecker.checkExact(try sample.exactNetwork(), scales: d, inputs: sample.trialInputs,
                                                       initialState: sample.initialState)
            }
        }
    }

    @Test func outputsAgreeInDoubleToOnePartIn1e12() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks(), NetworkGenerators.solverIndices) { sample, index in
            FailureReporting.expectProperty(sample, "float output invariance") { sample in
                let network = try sample.recurrentNetwork()
                let cost = try sample.costModel()
                let entry = try SolverCatalog.entry(min(index, 3), for: network.recurrentWeights, cost: cost)
                let (balanced, result) = try network.balanced(cost: cost, solver: entry.solver, options: entry.options)
                try OutputInvarianceChecker.checkFloat(original: network, balanced: balanced, logScales: result.logScales,
                                                       inputs: sample.floatTrialInputs, initialState: sample.floatInitialState)
            }
        }
    }
}
