import Rationals
import SynapticBalancing

extension NetworkDocument {
    /// The float network (exact values are rounded to the nearest double).
    public func recurrentNetwork() throws -> RecurrentNetwork {
        let phi: Nonlinearity
        switch nonlinearity {
        case .relu: phi = .relu
        case .leakyReLU: phi = .leakyReLU(slope: slope?.doubleValue ?? 0)
        case .linear: phi = .linear
        case .tanh: phi = .tanh
        }
        let (tau, dt) = try floatTimeConstants()
        return try RecurrentNetwork(
            recurrentWeights: try DenseMatrix(rows: recurrentWeights.rows, columns: recurrentWeights.columns, elements: recurrentWeights.doubleValues),
            inputWeights: try DenseMatrix(rows: inputWeights.rows, columns: inputWeights.columns, elements: inputWeights.doubleValues),
            outputWeights: try DenseMatrix(rows: outputWeights.rows, columns: outputWeights.columns, elements: outputWeights.doubleValues),
            bias: bias.doubleValues,
            timeConstant: tau,
            timeStep: dt,
            nonlinearity: phi,
            readout: readout)
    }

    /// tau and dt as doubles; throws (naming the field and the value) when either, or the Euler step
    /// dt / tau, or sqrt(dt) of the noise term, is not a finite positive double although the exact
    /// values are positive: a value that rounds to 0 or overflows.
    public func floatTimeConstants() throws -> (tau: Double, dt: Double) {
        let tau = timeConstant.doubleValue, dt = timeStep.doubleValue
        for (value, double, field) in [(timeConstant, tau, "tau"), (timeStep, dt, "dt")] {
            if double == 0 {
                throw NetworkFileError.invalidField(field: field, message: "\(messageText(value)) is positive but rounds to 0 as a double (below 4.9e-324)")
            }
            if !double.isFinite {
                throw NetworkFileError.invalidField(field: field, message: "\(messageText(value)) is too large for a double (above 1.8e308)")
            }
        }
        let rate = dt / tau
        if !rate.isFinite {
            throw NetworkFileError.invalidField(field: "dt / tau", message: "dt / tau = \(dt) / \(tau) overflows a double: the Euler step x += (dt / tau)(-x + J phi(x) + W_in u + b) cannot be computed")
        }
        if rate == 0 {
            throw NetworkFileError.invalidField(field: "dt / tau", message: "dt / tau = \(dt) / \(tau) underflows to 0 as a double: the Euler step would never move the state")
        }
        return (tau, dt)
    }

    /// The float cost model the file names, or nil if it names none.
    public func costModel() throws -> CostModel? {
        guard let cost else { return nil }
        let n = neuronCount
        let weighting: CostWeighting
        switch cost.weights {
        case .uniform: weighting = .uniform
        case let .scalar(a):
            weighting = .full(try DenseMatrix(rows: n, columns: n, elements: Array(repeating: a.doubleValue, count: n * n)))
        case let .presynaptic(r): weighting = .presynaptic(r.doubleValues)
        case let .full(a): weighting = .full(try DenseMatrix(rows: n, columns: n, elements: a.doubleValues))
        }
        let p = cost.exponent.doubleValue
        guard p > 0, p.isFinite else {
            throw NetworkFileError.invalidField(field: "cost.p", message: "\(messageText(cost.exponent)) is positive but "
                                                + (p == 0 ? "rounds to 0 as a double (below 4.9e-324)" : "is too large for a double (above 1.8e308)"))
        }
        return try CostModel(exponent: p, weighting: weighting)
    }

    /// The inputs of every trial: `trialCount` trials of T rows of M doubles (nil if the file has
    /// neither inputs nor targets; zero inputs of the targets' length if it has targets only).
    public var trialInputs: [[[Double]]]? {
        if let inputs, inputs.rows > 0 || targets == nil { return NetworkDocument.split(inputs.doubleValues, rows: inputs.rows, columns: inputs.columns, trials: trialCount) }
        guard let targets else { return nil }
        return NetworkDocument.split(Array(repeating: 0, count: targets.rows * inputCount), rows: targets.rows, columns: inputCount, trials: trialCount)
    }

    /// The targets of every trial: `trialCount` trials of T rows of K doubles (nil if the file has none).
    public var trialTargets: [[[Double]]]? {
        guard let targets else { return nil }
        return NetworkDocument.split(targets.doubleValues, rows: targets.rows, columns: targets.columns, trials: trialCount)
    }

    /// Stacked row-major values (trials * T rows) as trials of T rows.
    static func split<Value>(_ values: [Value], rows: Int, columns: Int, trials: Int) -> [[[Value]]] {
        let steps = rows / trials
        return (0..<trials).map { k in
            (0..<steps).map { t in
                let i = k * steps + t
                return Array(values[i * columns..<(i + 1) * columns])
            }
        }
    }

    /// A document holding a float network (values stored as doubles).
    public init(_ network: RecurrentNetwork, cost: Cost? = nil, inputs: NumberMatrix? = nil, initialState: NumberMatrix? = nil,
                targets: NumberMatrix? = nil, trialCount: Int = 1, description: String? = nil) throws {
        let kind: NonlinearityKind
        var slope: Rational?
        switch network.nonlinearity {
        case .relu: kind = .relu
        case let .leakyReLU(s): kind = .leakyReLU; slope = try Rational(exactly: s)
        case .linear: kind = .linear
        case .tanh: kind = .tanh
        }
        func matrix(_ m: DenseMatrix) -> NumberMatrix { NumberMatrix(rows: m.rows, columns: m.columns, double: m.elements) }
        try self.init(nonlinearity: kind, slope: slope, timeConstant: try Rational(exactly: network.timeConstant),
                      timeStep: try Rational(exactly: network.timeStep), recurrentWeights: matrix(network.recurrentWeights),
                      inputWeights: matrix(network.inputWeights), outputWeights: matrix(network.outputWeights),
                      bias: NumberMatrix(rows: network.bias.count, columns: 1, double: network.bias), cost: cost,
                      inputs: inputs, initialState: initialState, targets: targets, trialCount: trialCount, description: description)
        readout = network.readout
    }
}
