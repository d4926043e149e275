import PropertyBased
import Rationals

/// PropertyBased generators of random networks (`GeneratedNetwork`) with their shrinkers.
///
/// ```swift
/// await propertyCheck(count: 50, input: NetworkGenerators.networks()) { sample in ... }
/// ```
/// The generated value is the network itself and the shrinker is `GeneratedNetwork.shrinkCandidates()`,
/// so every shrunk value is again a valid network.
public enum NetworkGenerators {
    /// Random networks of 1 ... `maximumNeuronCount` neurons (default: `SBAL_PROPERTY_MAX_NEURONS` or 10).
    /// Pin `topology`, `exponent` (p) or `arithmetic` to restrict the family.
    public static func networks(
        maximumNeuronCount: Int = PropertyTestConfiguration.environment.maximumNeuronCount,
        minimumNeuronCount: Int = 1,
        topology: NetworkTopology? = nil, exponent: Int? = nil, arithmetic: WeightArithmetic? = nil,
        allowSelfLoops: Bool = true
    ) -> Generator<GeneratedNetwork, [GeneratedNetwork]> {
        Generator(
            run: { rng in
                GeneratedNetwork.draw(using: &rng, maximumNeuronCount: maximumNeuronCount,
                                      minimumNeuronCount: minimumNeuronCount, topology: topology,
                                      exponent: exponent, arithmetic: arithmetic, allowSelfLoops: allowSelfLoops)
            },
            shrink: { $0.shrinkCandidates() })
    }

    /// Networks whose optimum is finite (every synapse on a directed cycle): rings, reciprocal pairs and
    /// random graphs with the one-way synapses removed (shrinking keeps the property: removing a neuron or
    /// synapse can create one-way synapses, so the generator filters).
    public static func networksWithFiniteOptimum(
        maximumNeuronCount: Int = PropertyTestConfiguration.environment.maximumNeuronCount,
        exponent: Int? = nil, arithmetic: WeightArithmetic? = nil
    ) -> Generator<GeneratedNetwork, [GeneratedNetwork]> {
        Generator(
            run: { rng in
                var sample = GeneratedNetwork.draw(using: &rng, maximumNeuronCount: maximumNeuronCount,
                                                   exponent: exponent, arithmetic: arithmetic)
                let oneWay = Set(UnboundedSynapseOracle.synapsesOnNoCycle(of: sample))
                sample.synapses.removeAll { oneWay.contains($0.index) }
                return sample
            },
            shrink: { network in
                network.shrinkCandidates().filter { UnboundedSynapseOracle.synapsesOnNoCycle(of: $0).isEmpty }
            })
    }

    /// The solvers of `SynapticBalancing` a property exercises, by index (0 ..< `solverCount`), with a
    /// fixed-step flow step chosen from the network (see `FlowStepChoice`).
    public static let solverCount = 8

    /// An index into the solver list, shrinking toward 0 (Newton).
    public static var solverIndices: Generator<Int, Shrink.Integer<Int>> {
        Gen.int(in: 0...(solverCount - 1))
    }
}
