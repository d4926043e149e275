import BalancingVerification
import Rationals
import SynapticBalancing

/// A random recurrent network with its cost and a short trial, held as exact primitive choices
/// (neuron count, a list of nonzero synapses, positive rational cost weights, ...), so that every value
/// the shrinker produces from it is again a valid network: synapses keep nonzero weights, alpha stays
/// positive, p stays an integer in 1...4 and the leaky-ReLU slope stays in (0, 1).
///
/// The exact network (`exactNetwork`) holds the rationals as generated; the float network
/// (`recurrentNetwork`) holds them rounded to Double (the same values for `.dyadic` arithmetic).
public struct GeneratedNetwork: Sendable, Hashable {
    /// N >= 1.
    public var neuronCount: Int
    /// The nonzero entries of J (at most one per position).
    public var synapses: [GeneratedSynapse]
    /// The integer cost exponent p in 1...4.
    public var exponent: Int
    /// alpha.
    public var weighting: GeneratedCostWeighting
    /// phi: `.relu`, `.leakyReLU(slope:)` with a rational slope in (0, 1), or `.linear`.
    public var nonlinearity: ExactNonlinearity
    /// y = W_out phi(x) (rate) or W_out x (state).
    public var readout: Readout
    /// W_in, N x M row-major.
    public var inputWeights: [Rational]
    /// M.
    public var inputCount: Int
    /// W_out, K x N row-major.
    public var outputWeights: [Rational]
    /// K >= 1.
    public var outputCount: Int
    /// b, N entries.
    public var bias: [Rational]
    /// dt / tau (tau = 1 in the float network), a positive dyadic rational.
    public var timeStepOverTimeConstant: Rational
    /// Trial inputs u_t, T x M.
    public var trialInputs: [[Rational]]
    /// Trial initial state x_0, N entries.
    public var initialState: [Rational]
    /// How the support was drawn (for descriptions; shrinking may have changed the support since).
    public var topology: NetworkTopology
    /// How the numbers were drawn.
    public var arithmetic: WeightArithmetic

    public init(neuronCount: Int, synapses: [GeneratedSynapse], exponent: Int = 2,
                weighting: GeneratedCostWeighting = .uniform, nonlinearity: ExactNonlinearity = .relu, readout: Readout = .rate,
                inputCount: Int = 0, inputWeights: [Rational] = [], outputCount: Int = 1, outputWeights: [Rational]? = nil,
                bias: [Rational]? = nil, timeStepOverTimeConstant: Rational = Rational(1, 8),
                trialInputs: [[Rational]]? = nil, initialState: [Rational]? = nil,
                topology: NetworkTopology = .randomDensity, arithmetic: WeightArithmetic = .dyadic) {
        precondition(neuronCount >= 1 && (1...4).contains(exponent) && outputCount >= 1)
        self.neuronCount = neuronCount
        self.synapses = synapses
        self.exponent = exponent
        self.weighting = weighting
        self.nonlinearity = nonlinearity
        self.readout = readout
        self.inputCount = inputCount
        self.inputWeights = inputWeights.isEmpty ? Array(repeating: 0, count: neuronCount * inputCount) : inputWeights
        self.outputCount = outputCount
        self.outputWeights = outputWeights ?? Array(repeating: 1, count: outputCount * neuronCount)
        self.bias = bias ?? Array(repeating: 0, count: neuronCount)
        self.timeStepOverTimeConstant = timeStepOverTimeConstant
        self.trialInputs = trialInputs ?? Array(repeating: Array(repeating: 0, count: inputCount), count: 4)
        self.initialState = initialState ?? Array(repeating: 1, count: neuronCount)
        self.topology = topology
        self.arithmetic = arithmetic
    }

    /// J as an exact N x N matrix.
    public var recurrentWeights: Matrix<Rational> {
        var J = Matrix(rows: neuronCount, columns: neuronCount, repeating: Rational(0))
        for s in synapses { J[s.post, s.pre] = s.weight }
        return J
    }

    /// Number of synapses i != j.
    public var offDiagonalSynapseCount: Int { synapses.filter { !$0.isSelfLoop }.count }
}
