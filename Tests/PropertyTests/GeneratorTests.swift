import BalancingTesting
import BalancingVerification
import PropertyBased
import Rationals
import SynapticBalancing
import Testing

/// The generators produce valid networks, keep them valid while shrinking, and cover the families.
@Suite struct GeneratorTests {
    @Test func shrinkCandidatesAreValidAndSmaller() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "shrinkCandidatesAreValidAndSmaller") { sample in
                for candidate in sample.shrinkCandidates() {
                    #expect(candidate != sample)
                    #expect(candidate.neuronCount >= 1 && candidate.neuronCount <= sample.neuronCount)
                    #expect(candidate.synapses.allSatisfy { !$0.weight.isZero && $0.post < candidate.neuronCount && $0.pre < candidate.neuronCount })
                    #expect(Set(candidate.synapses.map(\.index)).count == candidate.synapses.count)
                    #expect(candidate.synapses.count <= sample.synapses.count)
                    switch candidate.weighting {
                    case .uniform: break
                    case let .presynaptic(a): #expect(a.count == candidate.neuronCount && a.allSatisfy { $0.signum > 0 })
                    case let .full(a): #expect(a.count == candidate.neuronCount * candidate.neuronCount && a.allSatisfy { $0.signum > 0 })
                    }
                    // every shrunk value converts to valid float and exact networks and cost models
                    _ = try candidate.recurrentNetwork()
                    _ = try candidate.exactNetwork()
                    _ = try candidate.costModel()
                    _ = try candidate.exactCostModel()
                }
            }
        }
    }

    @Test func dyadicNetworksAreExactlyTheirFloatNetworks() async {
        await propertyCheck(count: configuration.count, input: NetworkGenerators.networks(arithmetic: .dyadic)) { sample in
            FailureReporting.expectProperty(sample, "dyadicNetworksAreExactlyTheirFloatNetworks") { sample in
                let exactFromFloat = try ExactNetwork(try sample.recurrentNetwork())
                #expect(exactFromFloat.recurrentWeights == (try sample.exactNetwork()).recurrentWeights)
            }
        }
    }

    @Test func generatorsCoverTheFamilies() {
        var rng = SystemRandomNumberGenerator()
        var topologies = Set<NetworkTopology>(), exponents = Set<Int>(), names = Set<String>(), sizes = Set<Int>()
        var readouts = Set<Readout>()
        var sawSelfLoop = false, sawEmpty = false, sawUnbounded = false, sawGeneral = false
        for _ in 0..<400 {
            let s = GeneratedNetwork.draw(using: &rng, maximumNeuronCount: 10)
            topologies.insert(s.topology); exponents.insert(s.exponent); names.insert(s.weighting.name); sizes.insert(s.neuronCount)
            readouts.insert(s.readout)
            sawSelfLoop = sawSelfLoop || s.synapses.contains(where: \.isSelfLoop)
            sawEmpty = sawEmpty || s.synapses.isEmpty
            sawUnbounded = sawUnbounded || !UnboundedSynapseOracle.synapsesOnNoCycle(of: s).isEmpty
            sawGeneral = sawGeneral || s.synapses.contains { !$0.weight.denominator.isPowerOfTwo }
        }
        #expect(topologies.count == NetworkTopology.allCases.count)
        #expect(exponents == [1, 2, 3, 4])
        #expect(names == ["uniform", "presynaptic", "full"])
        #expect(sizes.contains(1) && sizes.contains(10))
        #expect(sawSelfLoop && sawEmpty && sawUnbounded && sawGeneral)
        #expect(readouts == [.rate, .state])  // the output-invariance properties see both readouts
    }

    @Test func failureReportCarriesTheNetworkJSON() throws {
        let sample = GeneratedNetwork(neuronCount: 2, synapses: [GeneratedSynapse(post: 1, pre: 0, weight: Rational(1, 3))])
        do {
            try FailureReporting.annotatingFailures(sample, property: "demo") { _ in
                throw PropertyViolation(property: "demo", message: "always fails")
            }
            Issue.record("reporting swallowed the failure")
        } catch let violation as PropertyViolation {
            #expect(violation.message.contains("\"format\""))
            #expect(violation.message.contains("1/3"))
        }
    }
}

/// A thrown checker error inside `expectProperty` becomes a recorded issue (PropertyBased ignores thrown
/// errors, so without this a failing checker would pass silently).
@Test func expectPropertyRecordsAnIssueForAThrownViolation() {
    let sample = GeneratedNetwork(neuronCount: 1, synapses: [])
    withKnownIssue {
        FailureReporting.expectProperty(sample, "demo") { _ in
            throw PropertyViolation(property: "demo", message: "always fails")
        }
    }
}

extension BigInteger {
    /// Whether self is 2^k.
    var isPowerOfTwo: Bool { signum > 0 && (self == BigInteger(1).shiftedLeft(bitLength - 1)) }
}
