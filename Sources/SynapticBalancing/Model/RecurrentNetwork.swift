/// A discrete-time rate network (docs/math.md "Model"):
/// tau dx/dt = -x + J phi(x) + W_in u + b, y = W_out phi(x) (or y = W_out x, see `readout`), integrated
/// with Euler steps of size dt.
/// Row i of J holds the synapses into neuron i.
public struct RecurrentNetwork: Sendable, Equatable {
    /// J, N x N.
    public var recurrentWeights: DenseMatrix
    /// W_in, N x M (M may be 0).
    public var inputWeights: DenseMatrix
    /// W_out, K x N (K may be 0).
    public var outputWeights: DenseMatrix
    /// b, N entries.
    public var bias: [Double]
    /// tau > 0.
    public var timeConstant: Double
    /// dt > 0.
    public var timeStep: Double
    /// phi.
    public var nonlinearity: Nonlinearity
    /// y = W_out phi(x) (`.rate`) or y = W_out x (`.state`).
    public var readout: Readout

    /// Validates shapes (J square, W_in with N rows, W_out with N columns, b with N entries),
    /// finiteness of every entry, tau > 0, dt > 0 and a finite leaky-ReLU slope.
    public init(
        recurrentWeights: DenseMatrix, inputWeights: DenseMatrix, outputWeights: DenseMatrix,
        bias: [Double], timeConstant: Double, timeStep: Double, nonlinearity: Nonlinearity, readout: Readout = .rate
    ) throws {
        let n = recurrentWeights.rows
        guard recurrentWeights.columns == n else {
            throw BalancingError.shapeMismatch(
                "recurrentWeights is \(recurrentWeights.rows) x \(recurrentWeights.columns), expected a square matrix")
        }
        guard inputWeights.rows == n else {
            throw BalancingError.shapeMismatch("inputWeights has \(inputWeights.rows) rows, expected \(n) (neurons)")
        }
        guard outputWeights.columns == n else {
            throw BalancingError.shapeMismatch("outputWeights has \(outputWeights.columns) columns, expected \(n) (neurons)")
        }
        guard bias.count == n else {
            throw BalancingError.shapeMismatch("bias has \(bias.count) entries, expected \(n) (neurons)")
        }
        try recurrentWeights.validateFinite(field: "recurrentWeights")
        try inputWeights.validateFinite(field: "inputWeights")
        try outputWeights.validateFinite(field: "outputWeights")
        if let k = bias.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "bias", index: k) }
        guard timeConstant.isFinite, timeConstant > 0 else {
            throw BalancingError.invalidParameter("timeConstant (tau) must be finite and > 0, got \(timeConstant)")
        }
        guard timeStep.isFinite, timeStep > 0 else {
            throw BalancingError.invalidParameter("timeStep (dt) must be finite and > 0, got \(timeStep)")
        }
        if case let .leakyReLU(slope) = nonlinearity, !slope.isFinite {
            throw BalancingError.invalidParameter("leaky ReLU slope must be finite, got \(slope)")
        }
        self.recurrentWeights = recurrentWeights
        self.inputWeights = inputWeights
        self.outputWeights = outputWeights
        self.bias = bias
        self.timeConstant = timeConstant
        self.timeStep = timeStep
        self.nonlinearity = nonlinearity
        self.readout = readout
    }

    /// N, the number of hidden neurons.
    public var neuronCount: Int { recurrentWeights.rows }
    /// M, the number of inputs.
    public var inputCount: Int { inputWeights.columns }
    /// K, the number of outputs.
    public var outputCount: Int { outputWeights.rows }
}
