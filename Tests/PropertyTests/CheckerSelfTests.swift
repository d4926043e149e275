import BalancingTesting
import BalancingVerification
import Foundation
import PropertyBased
import Rationals
import SynapticBalancing
import Testing

/// The checkers must FAIL on wrong inputs, or the properties above would be vacuous.
@Suite struct CheckerSelfTests {
    /// A g off by 1e-12 of the neuron's in + out cost (about 1e4 times the rounding bound) is caught.
    @Test func costCheckerRejectsAPerturbedImbalance() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "costCheckerRejectsAPerturbedImbalance") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let wrongG: CostAgreementChecker.Evaluation = { J, cost in
                    var g = try cost.imbalance(of: J)
                    let c = try cost.costs(of: J)
                    let n = J.rows
                    let k = n - 1
                    var w = 0.0
                    for j in 0..<n where j != k { w += c[k, j] + c[j, k] }
                    g[k] += w > 0 ? 1e-12 * w : 1e-300
                    return (g, try cost.totalCost(of: J))
                }
                #expect(throws: PropertyViolation.self, "perturbed g accepted for \(sample)") {
                    try CostAgreementChecker.check(J, cost: cost, evaluate: wrongG)
                }
                let wrongC: CostAgreementChecker.Evaluation = { J, cost in
                    let total = try cost.totalCost(of: J)
                    return (try cost.imbalance(of: J), total > 0 ? total * (1 + 1e-12) : 1e-300)
                }
                #expect(throws: PropertyViolation.self, "perturbed C accepted for \(sample)") {
                    try CostAgreementChecker.check(J, cost: cost, evaluate: wrongC)
                }
            }
        }
    }

    /// Newton's h shifted by 0.01 at the neuron of largest in + out cost fails the certificate: the
    /// shift makes |g_i| >= about 2 p 0.01 (in_i) >= 0.02 p C / N (no self-loops, so C = in + out sums / 2).
    @Test func certificateCheckerRejectsAPerturbedLogScale() async {
        let generator = NetworkGenerators.networksWithFiniteOptimum()
            .filter { $0.offDiagonalSynapseCount > 0 && !$0.synapses.contains(where: \.isSelfLoop) }
        await propertyCheck(count: configuration.count, input: generator) { sample in
            FailureReporting.expectProperty(sample, "certificateCheckerRejectsAPerturbedLogScale") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let result = try balance(J, cost: cost, solver: .newton)
                let c = try cost.costs(of: result.balancedWeights)
                let n = J.rows
                let busiest = (0..<n).max { a, b in
                    (0..<n).reduce(0.0) { $0 + ($1 == a ? 0 : c[a, $1] + c[$1, a]) }
                        < (0..<n).reduce(0.0) { $0 + ($1 == b ? 0 : c[b, $1] + c[$1, b]) }
                }!
                var h = result.logScales
                try BalanceCertificateChecker.check(J, cost: cost, claim: .logScales(h), claimedRelativeImbalance: 1e-10)
                h[busiest] += 0.01
                #expect(throws: PropertyViolation.self, "perturbed h accepted for \(sample)") {
                    try BalanceCertificateChecker.check(J, cost: cost, claim: .logScales(h), claimedRelativeImbalance: 1e-10)
                }
            }
        }
    }

    /// A report that leaves out, or adds, a synapse is caught by the unbounded checker.
    @Test func unboundedCheckerRejectsAWrongList() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "unboundedCheckerRejectsAWrongList") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let oracle = UnboundedSynapseOracle.synapsesOnNoCycle(of: sample)
                try UnboundedOptimumChecker.check(J, cost: cost, reportedUnboundedSynapses: oracle)
                let wrong = oracle.isEmpty ? [SynapseIndex(post: 0, pre: 0)] : Array(oracle.dropFirst())
                #expect(throws: PropertyViolation.self) {
                    try UnboundedOptimumChecker.check(J, cost: cost, reportedUnboundedSynapses: wrong)
                }
            }
        }
    }

    /// A path whose cost goes up (the balanced point, then the start) is caught by the monotonicity check.
    @Test func monotonicityCheckerRejectsAnIncreasingPath() async {
        let generator = NetworkGenerators.networksWithFiniteOptimum().filter { $0.offDiagonalSynapseCount > 0 }
        var caught = 0
        await propertyCheck(count: configuration.count, input: generator) { sample in
            FailureReporting.expectProperty(sample, "monotonicityCheckerRejectsAnIncreasingPath") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let result = try balance(J, cost: cost, solver: .newton)
                let start = PathPoint(time: 0, cost: result.initialCost, imbalanceNorm: 0, logScales: Array(repeating: 0, count: J.rows))
                let end = PathPoint(time: 1, cost: result.finalCost, imbalanceNorm: 0, logScales: result.logScales)
                try FlowPathChecker.checkCostNonIncreasing(J, cost: cost, path: [start, end])
                // only a real decrease (by more than 1e-9 relative) must show up reversed
                guard result.finalCost < result.initialCost * (1 - 1e-9) else { return }
                caught += 1
                #expect(throws: PropertyViolation.self, "reversed path accepted for \(sample)") {
                    try FlowPathChecker.checkCostNonIncreasing(J, cost: cost, path: [end, start])
                }
            }
        }
        #expect(caught > 0, "no generated network had a cost decrease to reverse")
    }

    /// A path point with one synapse off by 1e-6 breaks a cycle invariant beyond the h-only rounding bound.
    @Test func driftCheckerRejectsAPerturbedWeight() async {
        let generator = NetworkGenerators.networksWithFiniteOptimum().filter { $0.offDiagonalSynapseCount > 0 }
        await propertyCheck(count: configuration.count, input: generator) { sample in
            FailureReporting.expectProperty(sample, "driftCheckerRejectsAPerturbedWeight") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let options = BalancingOptions(tolerance: 1e-10, recordPath: true, recordWeights: true)
                var path = try balance(J, cost: cost, solver: .newton, options: options).path
                try FlowPathChecker.checkInvariantDrift(J, cost: cost, path: path, form: .logScalesOnly)
                let synapse = sample.synapses.first { !$0.isSelfLoop }!
                path[path.count - 1].weights![synapse.post * J.rows + synapse.pre] *= 1 + 1e-6
                #expect(throws: PropertyViolation.self, "perturbed path weight accepted for \(sample)") {
                    try FlowPathChecker.checkInvariantDrift(J, cost: cost, path: path, form: .logScalesOnly)
                }
            }
        }
    }

    /// A transform that rescales by D J D^-1 (the inverse) changes the outputs of this 2-neuron network.
    @Test func outputCheckerRejectsAWrongTransform() throws {
        let J = try Matrix<Rational>([[0, Rational(1, 2)], [2, 0]])
        let network = try ExactNetwork(recurrentWeights: J, outputWeights: Matrix([[1, 1]]),
                                       timeStepOverTimeConstant: Rational(1, 4), nonlinearity: .linear)
        let d = [Rational(1), Rational(2)]
        let inputs = Array(repeating: [Rational](), count: 3)
        try OutputInvarianceChecker.checkExact(network, scales: d, inputs: inputs, initialState: [1, 1])
        #expect(throws: PropertyViolation.self) {
            try OutputInvarianceChecker.checkExact(network, scales: d, inputs: inputs, initialState: [1, 1]) { net, d in
                try net.transformed(byScales: d.map { 1 / $0 })
            }
        }
        // and in Double: balanced by the wrong scales
        let float = try network.recurrentNetwork()
        let wrong = try float.transformed(byLogScales: [0, -Foundation.log(2.0)])
        #expect(throws: PropertyViolation.self) {
            try OutputInvarianceChecker.checkFloat(original: float, balanced: wrong, logScales: [0, Foundation.log(2.0)],
                                                   inputs: [[], [], []], initialState: [1, 1])
        }
    }
}
