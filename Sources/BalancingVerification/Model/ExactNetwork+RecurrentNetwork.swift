import Rationals
import SynapticBalancing

extension ExactNetwork {
    /// The exact network with the same values as a float network: every double is a dyadic rational
    /// and is converted without rounding (`Rational(exactly:)`), dt/tau is the exact quotient of the
    /// two doubles, tanh becomes `.nonHomogeneous(name: "tanh")`.
    public init(_ network: RecurrentNetwork) throws {
        func exact(_ m: DenseMatrix, _ field: String) throws -> Matrix<Rational> { try ExactConversion.matrix(m, field: field) }
        let phi: ExactNonlinearity
        switch network.nonlinearity {
        case .relu: phi = .relu
        case .linear: phi = .linear
        case let .leakyReLU(slope): phi = .leakyReLU(slope: try exactValues([slope], "leakyReLU.slope")[0])
        case .tanh: phi = .nonHomogeneous(name: network.nonlinearity.name)
        }
        let tau = try exactValues([network.timeConstant], "timeConstant")[0]
        let dt = try exactValues([network.timeStep], "timeStep")[0]
        guard tau.signum > 0 else { throw VerificationError.invalidParameter("timeConstant \(tau) must be positive") }
        try self.init(
            recurrentWeights: try exact(network.recurrentWeights, "recurrentWeights"),
            inputWeights: try exact(network.inputWeights, "inputWeights"),
            outputWeights: try exact(network.outputWeights, "outputWeights"),
            bias: try exactValues(network.bias, "bias"),
            timeStepOverTimeConstant: dt / tau, nonlinearity: phi, readout: network.readout)
    }

    /// The float network nearest to this one: every rational rounded to the nearest double, with the
    /// given time constant tau and dt = (dt/tau) * tau (rounded).
    ///
    /// Throws `invalidParameter` for a non-homogeneous nonlinearity other than "tanh", a time constant
    /// that is not finite and positive, or a value that overflows a double; the float initialiser's own
    /// errors are passed on.
    public func recurrentNetwork(timeConstant: Double = 1) throws -> RecurrentNetwork {
        guard timeConstant.isFinite, timeConstant > 0 else {
            throw VerificationError.invalidParameter("timeConstant \(timeConstant) must be finite and positive")
        }
        func float(_ m: Matrix<Rational>, _ field: String) throws -> DenseMatrix {
            try DenseMatrix(rows: m.rows, columns: m.columns, elements: try finiteDoubles(m.elements, field))
        }
        let phi: Nonlinearity
        switch nonlinearity {
        case .relu: phi = .relu
        case .linear: phi = .linear
        case let .leakyReLU(slope): phi = .leakyReLU(slope: try finiteDoubles([slope], "leakyReLU.slope")[0])
        case .nonHomogeneous("tanh"): phi = .tanh
        case let .nonHomogeneous(name):
            throw VerificationError.invalidParameter("nonlinearity \(name) has no float counterpart (known: relu, leaky_relu, linear, tanh)")
        }
        return try RecurrentNetwork(
            recurrentWeights: try float(recurrentWeights, "recurrentWeights"),
            inputWeights: try float(inputWeights, "inputWeights"),
            outputWeights: try float(outputWeights, "outputWeights"),
            bias: try finiteDoubles(bias, "bias"),
            timeConstant: timeConstant,
            timeStep: (timeStepOverTimeConstant * (try Rational(exactly: timeConstant))).doubleValue,
            nonlinearity: phi, readout: readout)
    }
}

/// Exact rationals of doubles; NaN or infinity is reported with the field and flat index.
func exactValues(_ values: [Double], _ field: String) throws -> [Rational] {
    var result: [Rational] = []
    result.reserveCapacity(values.count)
    for (index, value) in values.enumerated() {
        guard value.isFinite else { throw VerificationError.notFinite(field: field, index: index) }
        result.append(try Rational(exactly: value))
    }
    return result
}

/// Nearest doubles of rationals; overflow to infinity is reported with the field and flat index.
func finiteDoubles(_ values: [Rational], _ field: String) throws -> [Double] {
    try values.enumerated().map { index, value in
        let double = value.doubleValue
        guard double.isFinite else {
            throw VerificationError.invalidParameter("\(field)[\(index)] = \(value) overflows a double")
        }
        return double
    }
}
