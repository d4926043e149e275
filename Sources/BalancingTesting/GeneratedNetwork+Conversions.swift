import BalancingVerification
import NetworkFiles
import Rationals
import SynapticBalancing

extension GeneratedNetwork {
    /// The exact network, with the generated rationals.
    public func exactNetwork() throws -> ExactNetwork {
        try ExactNetwork(
            recurrentWeights: recurrentWeights,
            inputWeights: Matrix(rows: neuronCount, columns: inputCount, elements: inputWeights),
            outputWeights: Matrix(rows: outputCount, columns: neuronCount, elements: outputWeights),
            bias: bias, timeStepOverTimeConstant: timeStepOverTimeConstant, nonlinearity: nonlinearity, readout: readout)
    }

    /// The exact cost model with the generated rationals.
    public func exactCostModel() throws -> ExactCostModel {
        switch weighting {
        case .uniform: return try ExactCostModel(exponent: exponent, weighting: .uniform)
        case let .presynaptic(a): return try ExactCostModel(exponent: exponent, weighting: .presynaptic(a))
        case let .full(a):
            return try ExactCostModel(exponent: exponent,
                                      weighting: .full(Matrix(rows: neuronCount, columns: neuronCount, elements: a)))
        }
    }

    /// The float nonlinearity (the slope rounded to Double).
    public var floatNonlinearity: Nonlinearity {
        switch nonlinearity {
        case .relu: return .relu
        case .linear: return .linear
        case let .leakyReLU(slope): return .leakyReLU(slope: slope.doubleValue)
        case .nonHomogeneous: return .tanh
        }
    }

    /// The float network: every rational rounded to the nearest Double, tau = 1, dt = dt/tau.
    public func recurrentNetwork() throws -> RecurrentNetwork {
        let n = neuronCount
        return try RecurrentNetwork(
            recurrentWeights: DenseMatrix(rows: n, columns: n, elements: recurrentWeights.elements.map(\.doubleValue)),
            inputWeights: DenseMatrix(rows: n, columns: inputCount, elements: inputWeights.map(\.doubleValue)),
            outputWeights: DenseMatrix(rows: outputCount, columns: n, elements: outputWeights.map(\.doubleValue)),
            bias: bias.map(\.doubleValue), timeConstant: 1, timeStep: timeStepOverTimeConstant.doubleValue,
            nonlinearity: floatNonlinearity, readout: readout)
    }

    /// The float J (rounded).
    public func floatRecurrentWeights() throws -> DenseMatrix {
        try DenseMatrix(rows: neuronCount, columns: neuronCount, elements: recurrentWeights.elements.map(\.doubleValue))
    }

    /// The float cost model (alpha rounded to Double, p exact).
    public func costModel() throws -> CostModel {
        switch weighting {
        case .uniform: return try CostModel(exponent: Double(exponent), weighting: .uniform)
        case let .presynaptic(a): return try CostModel(exponent: Double(exponent), weighting: .presynaptic(a.map(\.doubleValue)))
        case let .full(a):
            return try CostModel(exponent: Double(exponent),
                                 weighting: .full(DenseMatrix(rows: neuronCount, columns: neuronCount, elements: a.map(\.doubleValue))))
        }
    }

    /// The float trial (inputs rounded).
    public var floatTrialInputs: [[Double]] { trialInputs.map { $0.map(\.doubleValue) } }

    /// The float initial state (rounded).
    public var floatInitialState: [Double] { initialState.map(\.doubleValue) }

    /// The network, its cost and its trial as a `synaptic-balancing-network` document with the exact
    /// rationals, readable by `sbal verify` and `sbal balance`.
    public func networkDocument(description: String? = nil) throws -> NetworkDocument {
        let n = neuronCount
        let weights: NetworkDocument.CostWeights
        switch weighting {
        case .uniform: weights = .uniform
        case let .presynaptic(a): weights = .presynaptic(NumberMatrix(rows: 1, columns: n, exact: a))
        case let .full(a): weights = .full(NumberMatrix(rows: n, columns: n, exact: a))
        }
        let kind: NetworkDocument.NonlinearityKind
        var slope: Rational?
        switch nonlinearity {
        case .relu: kind = .relu
        case .linear: kind = .linear
        case let .leakyReLU(s): kind = .leakyReLU; slope = s
        case .nonHomogeneous: kind = .tanh
        }
        let steps = trialInputs.count
        var document = try NetworkDocument(
            nonlinearity: kind, slope: slope, timeConstant: 1, timeStep: timeStepOverTimeConstant,
            recurrentWeights: NumberMatrix(rows: n, columns: n, exact: recurrentWeights.elements),
            inputWeights: NumberMatrix(rows: n, columns: inputCount, exact: inputWeights),
            outputWeights: NumberMatrix(rows: outputCount, columns: n, exact: outputWeights),
            bias: NumberMatrix(rows: n, columns: 1, exact: bias),
            cost: NetworkDocument.Cost(exponent: Rational(exponent), weights: weights),
            inputs: NumberMatrix(rows: steps, columns: inputCount, exact: trialInputs.flatMap { $0 }),
            initialState: NumberMatrix(rows: n, columns: 1, exact: initialState),
            description: description ?? "generated by BalancingTesting (\(topology.rawValue), \(arithmetic.rawValue))")
        document.readout = readout
        return document
    }

    /// `networkDocument().jsonText()`: the JSON a failing property prints.
    public func jsonText(description: String? = nil) throws -> String {
        try networkDocument(description: description).jsonText()
    }
}
