import BalancingTesting
import PropertyBased
import SynapticBalancing
import Testing

/// Float g and C of `CostModel` against the exact values (bound: gamma_{2N} / gamma_{N^2} times the sum
/// of |terms|, see `CostAgreementChecker`).
@Suite(.shrinking) struct CostAgreementProperties {
    @Test func floatImbalanceAndCostAgreeWithExact() async {
        await propertyCheck(count: configuration.count * 2, input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "cost agreement") { sample in
                try CostAgreementChecker.check(try sample.floatRecurrentWeights(), cost: try sample.costModel())
            }
        }
    }

    /// One property per exponent p, so that a bug at one p cannot hide behind the others' cases.
    @Test(arguments: 1...4) func floatImbalanceAgreesForEachExponent(p: Int) async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks(exponent: p)) { sample in
            FailureReporting.expectProperty(sample, "cost agreement (p = \(p))") { sample in
                try CostAgreementChecker.check(try sample.floatRecurrentWeights(), cost: try sample.costModel())
            }
        }
    }
}
