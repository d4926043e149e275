import BalancingVerification
import Rationals

extension NetworkDocument {
    /// The exact network (no rounding: JSON values are exact as written, doubles convert exactly).
    /// `tanh` becomes `.nonHomogeneous(name: "tanh")`, which the exact checks refuse.
    public func exactNetwork() throws -> ExactNetwork {
        func matrix(_ m: NumberMatrix, _ field: String) throws -> Matrix<Rational> {
            try Matrix(rows: m.rows, columns: m.columns, elements: try m.exactValues(field: field, asVector: false))
        }
        let phi: ExactNonlinearity
        switch nonlinearity {
        case .relu: phi = .relu
        case .leakyReLU: phi = .leakyReLU(slope: slope ?? 0)
        case .linear: phi = .linear
        case .tanh: phi = .nonHomogeneous(name: "tanh")
        }
        return try ExactNetwork(recurrentWeights: try matrix(recurrentWeights, "J"), inputWeights: try matrix(inputWeights, "W_in"),
                                outputWeights: try matrix(outputWeights, "W_out"), bias: try bias.exactValues(field: "b"),
                                timeStepOverTimeConstant: timeStep / timeConstant, nonlinearity: phi, readout: readout)
    }

    /// The exact cost model the file names (p must be a positive integer), or the Frobenius cost
    /// (p = 2, alpha = 1) when it names none.
    public func exactCostModel() throws -> ExactCostModel {
        guard let cost else { return try ExactCostModel(exponent: 2, weighting: .uniform) }
        guard cost.exponent.isInteger, let p = cost.exponent.numerator.intValue, p >= 1 else {
            throw NetworkFileError.invalidField(field: "cost.p", message: "the exact checks need an integer exponent p >= 1, got \(messageText(cost.exponent))")
        }
        let n = neuronCount
        let weighting: ExactCostWeighting
        switch cost.weights {
        case .uniform: weighting = .uniform
        case let .scalar(a): weighting = .full(Matrix(rows: n, columns: n, repeating: a))
        case let .presynaptic(r): weighting = .presynaptic(try r.exactValues(field: "cost.alpha"))
        case let .full(a): weighting = .full(try Matrix(rows: n, columns: n, elements: try a.exactValues(field: "cost.alpha")))
        }
        return try ExactCostModel(exponent: p, weighting: weighting)
    }

    /// The inputs of every trial as exact rows, `trialCount` trials of T rows (nil if the file has
    /// neither inputs nor targets; zero inputs of the targets' length if it has targets only).
    public func exactTrialInputs() throws -> [[[Rational]]]? {
        if let inputs, inputs.rows > 0 || targets == nil {
            return NetworkDocument.split(try inputs.exactValues(field: "inputs"), rows: inputs.rows, columns: inputs.columns, trials: trialCount)
        }
        guard let targets else { return nil }
        return NetworkDocument.split(Array(repeating: Rational(0), count: targets.rows * inputCount), rows: targets.rows, columns: inputCount, trials: trialCount)
    }

    /// The trial's initial state, exactly (zeros if the file has none).
    public func exactInitialState() throws -> [Rational] {
        try initialState?.exactValues(field: "initial_state") ?? Array(repeating: Rational(0), count: neuronCount)
    }
}
