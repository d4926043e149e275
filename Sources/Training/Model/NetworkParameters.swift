import SynapticBalancing

/// The trained weights theta = (J, W_in, W_out, b) of the state-readout rate network
/// tau dx/dt = -x + J phi(x) + W_in u + b, y = W_out x (docs/math.md, "Model"), row-major, J_ij from j onto i.
/// A gradient with respect to theta has the same shapes and is stored in the same type.
public struct NetworkParameters: Sendable, Equatable {
    /// N.
    public let neuronCount: Int
    /// M.
    public let inputCount: Int
    /// K.
    public let outputCount: Int
    /// J, N x N.
    public var recurrent: [Double]
    /// W_in, N x M.
    public var input: [Double]
    /// W_out, K x N.
    public var output: [Double]
    /// b, N.
    public var bias: [Double]

    /// Parameters from row-major arrays.
    /// - Throws: `TrainingError.shapeMismatch` naming the array whose length is wrong,
    ///   `TrainingError.nonFinite` naming the first NaN or infinite entry.
    public init(neuronCount: Int, inputCount: Int, outputCount: Int,
                recurrent: [Double], input: [Double], output: [Double], bias: [Double]) throws {
        guard neuronCount > 0 else { throw TrainingError.invalidParameter("the network needs at least one neuron, got N = \(neuronCount)") }
        guard inputCount >= 0, outputCount >= 0 else { throw TrainingError.invalidParameter("input and output counts must be >= 0") }
        for (name, array, count) in [("J", recurrent, neuronCount * neuronCount), ("W_in", input, neuronCount * inputCount),
                                     ("W_out", output, outputCount * neuronCount), ("b", bias, neuronCount)] {
            guard array.count == count else { throw TrainingError.shapeMismatch("\(name) has \(array.count) entries, expected \(count)") }
            if let k = array.firstIndex(where: { !$0.isFinite }) { throw TrainingError.nonFinite(field: name, index: k) }
        }
        self.neuronCount = neuronCount
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.recurrent = recurrent
        self.input = input
        self.output = output
        self.bias = bias
    }

    /// All-zero parameters of the given shape (the start of a gradient accumulation).
    public static func zeros(neurons n: Int, inputs m: Int, outputs k: Int) -> NetworkParameters {
        NetworkParameters(unchecked: n, m, k, recurrent: .init(repeating: 0, count: n * n), input: .init(repeating: 0, count: n * m),
                          output: .init(repeating: 0, count: k * n), bias: .init(repeating: 0, count: n))
    }

    init(unchecked n: Int, _ m: Int, _ k: Int, recurrent: [Double], input: [Double], output: [Double], bias: [Double]) {
        neuronCount = n; inputCount = m; outputCount = k
        self.recurrent = recurrent; self.input = input; self.output = output; self.bias = bias
    }

    /// The initialisation of the authors' reference code: J, W_in, W_out i.i.d. N(0, 1/N), b = 0.
    /// The same seed gives the same draw, so every lambda can start from the same weights.
    /// - Parameters:
    ///   - n: N > 0, the number of neurons.
    ///   - m: M, the number of inputs.
    ///   - k: K, the number of outputs.
    ///   - seed: seed of the `NormalSampler`.
    /// - Returns: J first (row-major), then W_in, then W_out, from one stream.
    /// - Throws: `TrainingError` when N <= 0 or M, K < 0.
    public static func randomInitial(neurons n: Int, inputs m: Int, outputs k: Int, seed: UInt64) throws -> NetworkParameters {
        guard n > 0 else { throw TrainingError.invalidParameter("the network needs at least one neuron, got N = \(n)") }
        guard m >= 0, k >= 0 else {
            throw TrainingError.invalidParameter("input and output counts must be >= 0, got M = \(m), K = \(k)")
        }
        var sampler = NormalSampler(seed: seed)
        let scale = 1 / Double(n).squareRoot()
        func draw(_ count: Int) -> [Double] { (0..<count).map { _ in scale * sampler.next() } }
        let j = draw(n * n), win = draw(n * m), wout = draw(k * n)
        return NetworkParameters(unchecked: n, m, k, recurrent: j, input: win, output: wout, bias: .init(repeating: 0, count: n))
    }

    /// The four arrays in a fixed order (J, W_in, W_out, b), for optimisers that treat theta as one vector.
    var blocks: [[Double]] { [recurrent, input, output, bias] }

    /// The Euclidean norm of theta seen as one vector (for a gradient: the global norm that is clipped).
    public var globalNorm: Double {
        var s = 0.0
        for block in blocks { for v in block { s += v * v } }
        return s.squareRoot()
    }

    /// sum_ij J_ij^2, the l2 penalty's sum (Frobenius cost of J).
    public var recurrentSquaredSum: Double { recurrent.reduce(0) { $0 + $1 * $1 } }

    /// g_k = sum_j J_kj^2 - sum_i J_ik^2: incoming minus outgoing Frobenius cost of J (docs/math.md "Cost and local rule", p = 2, alpha = 1).
    public var frobeniusImbalance: [Double] {
        let n = neuronCount
        var g = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { let c = recurrent[i * n + j] * recurrent[i * n + j]; g[i] += c; g[j] -= c } }
        return g
    }
}
