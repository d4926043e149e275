import BalancingTesting
import BalancingVerification
import Foundation
import PropertyBased
import Rationals
import SynapticBalancing
import Testing

/// Every solver of the catalog on networks whose support is a DAG of strongly connected blocks
/// (docs/reducible-networks.md): the written network lies on the input's orbit and its exact cost is no
/// higher than the input's (up to the rounding of D^-1 J D), checked in rationals.
@Suite(.shrinking) struct ReducibleProperties {
    @Test(arguments: 0..<SolverCatalog.count) func writtenNetworkNeverCostsMoreThanTheInput(solverIndex: Int) async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6), input: NetworkGenerators.networks(topology: .dagOfBlocks)) { sample in
            FailureReporting.expectProperty(sample, "never worse than the input, solver \(solverIndex)") { sample in
                let run = try runCatalogSolver(solverIndex, on: sample)
                let exactCost = try ExactCostModel(run.cost)
                let before = ExactCostModel.totalCost(ofCosts: try exactCost.costs(of: try ExactConversion.matrix(run.J, field: "J")))
                // the network written is D^-1 J D with d = exp(h) (for the (J, h) form too: RecurrentNetwork.balanced)
                let n = run.J.rows
                var written = run.J
                for i in 0..<n { for j in 0..<n where i != j {
                    written[i, j] = run.J[i, j] * Foundation.exp(run.result.logScales[j]) * (1 / Foundation.exp(run.result.logScales[i]))
                } }
                let after = ExactCostModel.totalCost(ofCosts: try exactCost.costs(of: try ExactConversion.matrix(written, field: "written")))
                // each written weight carries at most 4 roundings (two exp, a product, a reciprocal): |rel| <= gamma_8
                // after the p-th power, so the exact cost may exceed the float decision by that factor only
                let slack = 1 + FloatRoundingBounds.gamma(8 * exactCost.exponent + 8)
                if after > before * slack {
                    throw PropertyViolation(property: "the written network never costs more than the input",
                                            message: "exact cost \(before.doubleValue) -> \(after.doubleValue) (h = \(run.result.logScales))")
                }
                try UnboundedOptimumChecker.check(run.J, cost: run.cost, result: run.result)
            }
        }
    }
}
