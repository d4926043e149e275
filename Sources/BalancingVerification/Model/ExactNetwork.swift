import Rationals
import SynapticBalancing

/// A recurrent network with exact rational parameters:
/// x_{t+1} = x_t + (dt/tau) (-x_t + J phi(x_t) + W_in u_t + b),   y_t = W_out phi(x_t) (or W_out x_t,
/// see `readout`).
///
/// Row i of J holds the synapses into neuron i (J_ij: from j to i). Only the ratio dt/tau enters the
/// deterministic Euler step, so that is what is stored.
public struct ExactNetwork: Sendable, Equatable {
    /// J, N x N.
    public private(set) var recurrentWeights: Matrix<Rational>
    /// W_in, N x M (M may be 0).
    public private(set) var inputWeights: Matrix<Rational>
    /// W_out, K x N (K may be 0).
    public private(set) var outputWeights: Matrix<Rational>
    /// b, N entries.
    public private(set) var bias: [Rational]
    /// dt / tau > 0.
    public private(set) var timeStepOverTimeConstant: Rational
    /// phi.
    public var nonlinearity: ExactNonlinearity
    /// y = W_out phi(x) (`.rate`) or y = W_out x (`.state`).
    public var readout: Readout

    /// Builds a network and checks every shape; errors name the field at fault.
    /// - Parameters:
    ///   - recurrentWeights: J, N x N with N > 0; row i holds the synapses into neuron i.
    ///   - inputWeights: N x M; nil means M = 0.
    ///   - outputWeights: K x N; nil means K = 0.
    ///   - bias: N entries; nil means b = 0.
    ///   - timeStepOverTimeConstant: dt / tau > 0, the only time parameter of the exact Euler step.
    ///   - nonlinearity: phi; invariance claims need a positively homogeneous one.
    ///   - readout: y = W_out phi(x) (rate, the default) or y = W_out x (state).
    /// - Throws: `VerificationError.shapeMismatch` naming the field, `.invalidParameter` for dt / tau <= 0.
    public init(
        recurrentWeights: Matrix<Rational>, inputWeights: Matrix<Rational>? = nil,
        outputWeights: Matrix<Rational>? = nil, bias: [Rational]? = nil,
        timeStepOverTimeConstant: Rational, nonlinearity: ExactNonlinearity, readout: Readout = .rate
    ) throws {
        let n = recurrentWeights.rows
        // a network without neurons has no weights to check: every claim about it would be vacuous
        guard n > 0 else { throw VerificationError.shapeMismatch("recurrentWeights is 0 x 0: a network needs at least one neuron") }
        guard recurrentWeights.columns == n else {
            throw VerificationError.shapeMismatch(
                "recurrentWeights is \(recurrentWeights.rows) x \(recurrentWeights.columns), expected a square N x N matrix")
        }
        let input = inputWeights ?? Matrix(rows: n, columns: 0, repeating: Rational(0))
        guard input.rows == n else {
            throw VerificationError.shapeMismatch("inputWeights has \(input.rows) rows, expected \(n) (neurons)")
        }
        let output = outputWeights ?? Matrix(rows: 0, columns: n, repeating: Rational(0))
        guard output.columns == n else {
            throw VerificationError.shapeMismatch("outputWeights has \(output.columns) columns, expected \(n) (neurons)")
        }
        let b = bias ?? Array(repeating: Rational(0), count: n)
        guard b.count == n else {
            throw VerificationError.shapeMismatch("bias has \(b.count) entries, expected \(n) (neurons)")
        }
        guard timeStepOverTimeConstant.signum > 0 else {
            throw VerificationError.invalidParameter("timeStepOverTimeConstant (dt/tau) = \(timeStepOverTimeConstant) must be positive")
        }
        self.recurrentWeights = recurrentWeights
        self.inputWeights = input
        self.outputWeights = output
        self.bias = b
        self.timeStepOverTimeConstant = timeStepOverTimeConstant
        self.nonlinearity = nonlinearity
        self.readout = readout
    }

    /// N, the number of neurons.
    public var neuronCount: Int { recurrentWeights.rows }
    /// M, the number of inputs.
    public var inputCount: Int { inputWeights.columns }
    /// K, the number of outputs.
    public var outputCount: Int { outputWeights.rows }

    /// The task-preserving transform by D = diag(d), d_i > 0:
    /// J~ = D^-1 J D, W_in~ = D^-1 W_in, b~ = D^-1 b, W_out~ = W_out D.
    ///
    /// Throws `nonPositiveScale` for some d_i <= 0, `shapeMismatch` if d has the wrong length and
    /// `nonHomogeneousNonlinearity` when phi is not positively homogeneous (the transform would
    /// change the task).
    public func transformed(byScales d: [Rational]) throws -> ExactNetwork {
        try validateScales(d)
        guard nonlinearity.isPositivelyHomogeneous else {
            throw VerificationError.nonHomogeneousNonlinearity(
                "\(nonlinearity.name) is not positively homogeneous, so D^-1 J D does not preserve the task")
        }
        let inverse = d.map { Rational(1) / $0 }
        var input = inputWeights
        for i in 0..<input.rows { for k in 0..<input.columns { input[i, k] = inverse[i] * input[i, k] } }
        var output = outputWeights
        for r in 0..<output.rows { for j in 0..<output.columns { output[r, j] = output[r, j] * d[j] } }
        return try ExactNetwork(
            recurrentWeights: recurrentWeights.diagonalSimilarity(d), inputWeights: input, outputWeights: output,
            bias: zip(inverse, bias).map { $0 * $1 }, timeStepOverTimeConstant: timeStepOverTimeConstant,
            nonlinearity: nonlinearity, readout: readout)
    }

    /// Checks that d has N entries, all positive.
    func validateScales(_ d: [Rational]) throws {
        try BalancingVerification.validateScales(d, neurons: neuronCount)
    }
}
