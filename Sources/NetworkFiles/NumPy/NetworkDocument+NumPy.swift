import Rationals
import SynapticBalancing

extension NetworkDocument {
    /// Members an `.npz` network file may hold. Matrices and vectors are float arrays; `tau`, `dt`,
    /// `slope` and `cost_p` are 0-d (or 1-element) arrays; `nonlinearity` is a 0-d text array, as
    /// `np.savez(path, J=J, W_in=W_in, W_out=W_out, b=b, tau=1.0, dt=0.1, nonlinearity="relu")`
    /// writes. `cost_alpha` is a scalar, a length-N vector (per presynaptic neuron) or N x N.
    public static let numPyMembers: [String] = ["J", "W_in", "W_out", "b", "tau", "dt", "orientation", "readout", "nonlinearity", "slope", "cost_p", "cost_alpha", "inputs", "targets", "initial_state"]

    /// Reads a network from the arrays of an `.npz` archive. A 1-d `W_in` is one input column
    /// (N x 1); a 1-d `W_out` is one output row (1 x N), in either orientation. `orientation`
    /// overrides the archive's `orientation` member (a 0-d text array "post_pre" or "pre_post").
    public init(numPyArrays arrays: [String: NumPyArray], name: String = "archive", orientation override: NetworkOrientation? = nil) throws {
        if TorchRNNStateDict.isStateDict(arrays) {
            // PyTorch's tensors are post_pre (W_hh h: row i = into unit i); nothing to override.
            if let override, override != .postPre {
                throw NetworkFileError.invalidField(field: "--orientation", message: "an nn.RNN state_dict is post_pre (weight_hh_l0 @ h); it cannot be read as \(override.rawValue)")
            }
            try self.init(torchArrays: arrays, name: name)
            return
        }
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: NetworkDocument.numPyMembers, archive: name)
        func numeric(_ key: String) throws -> NumPyArray? {
            guard let a = arrays[key] else { return nil }
            guard !a.isText else { throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected numbers, got text") }
            return a
        }
        var stated: NetworkOrientation?
        if let o = arrays["orientation"] {
            guard o.isText, o.count == 1, let value = NetworkOrientation(rawValue: o.strings[0]) else {
                throw NetworkFileError.invalidField(field: "orientation.npy", message: "expected 'post_pre' (row i of J = synapses into neuron i) or 'pre_post' (W[pre, post], as x @ W) as a 0-d text array")
            }
            stated = value
        }
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: stated, override: override)
        var readout = Readout.rate
        if let r = arrays["readout"] {
            guard r.isText, r.count == 1, let value = Readout(rawValue: r.strings[0]) else {
                throw NetworkFileError.invalidField(field: "readout.npy", message: "expected 'rate' (y = W_out phi(x)) or 'state' (y = W_out x) as a 0-d text array")
            }
            readout = value
        }
        // A 2-d weight matrix in the file's layout.
        func matrix(_ key: String, oneDimensional: (Int) -> (Int, Int)) throws -> NumberMatrix? {
            guard let a = try numeric(key) else { return nil }
            switch a.shape.count {
            case 2:
                let m = NumberMatrix(rows: a.shape[0], columns: a.shape[1], double: a.values)
                return NetworkDocument.postPre(m, from: orientation)
            case 1:
                let (r, c) = oneDimensional(a.shape[0])
                return NumberMatrix(rows: r, columns: c, double: a.values)
            default:
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected a 2-d array, got shape \(NumPyArray.describe(a.shape))")
            }
        }
        func vector(_ key: String) throws -> NumberMatrix? {
            guard let a = try numeric(key) else { return nil }
            guard a.shape.count == 1 || (a.shape.count == 2 && a.shape[1] == 1) else {
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected a 1-d array, got shape \(NumPyArray.describe(a.shape))")
            }
            return NumberMatrix(rows: a.count, columns: 1, double: a.values)
        }
        func scalar(_ key: String) throws -> Rational? {
            guard let a = try numeric(key) else { return nil }
            guard a.count == 1, a.shape.count <= 2 else {
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected a scalar (0-d array), got shape \(NumPyArray.describe(a.shape))")
            }
            guard a.values[0].isFinite else { throw NetworkFileError.invalidField(field: "\(key).npy", message: "\(a.values[0]) is not a finite number") }
            return try Rational(exactly: a.values[0])
        }
        // Trial data: T x width (one trial) or trials x T x width, stacked into (trials * T) rows.
        func trials(_ key: String) throws -> (matrix: NumberMatrix, trials: Int)? { try numeric(key).map { try NetworkDocument.trialData($0, member: key) } }
        let inputs = try trials("inputs"), targets = try trials("targets")
        if let inputs, let targets, inputs.matrix.rows > 0, inputs.trials != targets.trials {
            throw NetworkFileError.shapeMismatch("targets.npy has \(targets.trials) trial(s), inputs.npy has \(inputs.trials): expected the same trials")
        }
        guard let jArray = try numeric("J") else { throw NetworkFileError.missingField("J (J.npy in \(name))") }
        guard jArray.shape.count == 2 else {
            throw NetworkFileError.invalidField(field: "J.npy", message: "expected a 2-d array, got shape \(NumPyArray.describe(jArray.shape))")
        }
        let j = NetworkDocument.postPre(NumberMatrix(rows: jArray.shape[0], columns: jArray.shape[1], double: jArray.values), from: orientation)!
        var kind = NonlinearityKind.relu
        if let nl = arrays["nonlinearity"] {
            guard nl.isText, nl.count == 1, let k = NonlinearityKind(rawValue: nl.strings[0]) else {
                throw NetworkFileError.invalidField(field: "nonlinearity.npy", message: "expected one of \(NonlinearityKind.allCases.map(\.rawValue).joined(separator: ", ")) as a 0-d text array")
            }
            kind = k
        }
        var cost: Cost?
        if arrays["cost_p"] != nil || arrays["cost_alpha"] != nil {
            var weights = CostWeights.uniform
            if let a = try numeric("cost_alpha") {
                switch a.shape.count {
                case 0: weights = .scalar(try scalar("cost_alpha")!)
                case 1: weights = .presynaptic(NumberMatrix(rows: a.count, columns: 1, double: a.values))
                case 3...: throw NetworkFileError.invalidField(field: "cost_alpha.npy", message: "expected a scalar, a length-N vector or an N x N matrix, got shape \(NumPyArray.describe(a.shape))")
                default: weights = .full(NetworkDocument.postPre(NumberMatrix(rows: a.shape[0], columns: a.shape[1], double: a.values), from: orientation)!)
                }
            }
            cost = Cost(exponent: try scalar("cost_p") ?? 2, weights: weights)
        }
        do {
            try self.init(nonlinearity: kind, slope: try scalar("slope"), timeConstant: try scalar("tau") ?? 1,
                          timeStep: try scalar("dt") ?? Rational(1, 10), recurrentWeights: j,
                          inputWeights: try matrix("W_in") { ($0, 1) }, outputWeights: try matrix("W_out") { (1, $0) },
                          bias: try vector("b"), cost: cost, inputs: inputs?.matrix,
                          initialState: try vector("initial_state"), targets: targets?.matrix,
                          trialCount: NetworkDocument.trialCount(inputs: inputs, targets: targets))
        } catch { throw NetworkDocument.inFileTerms(error, orientation: orientation) }
        self.orientation = orientation
        self.orientationSource = source
        self.readout = readout
    }

    /// The arrays of an `.npz` file for this network (float64; exact values are rounded to the
    /// nearest double, so write JSON to keep non-dyadic rationals exact).
    public func numPyArrays() throws -> [String: NumPyArray] {
        if let torchRNN { return try torchArrays(torchRNN) }
        func array(_ m: NumberMatrix) throws -> NumPyArray { try NumPyArray(shape: [m.rows, m.columns], values: m.doubleValues) }
        func vector(_ m: NumberMatrix) throws -> NumPyArray { try NumPyArray(shape: [m.count], values: m.doubleValues) }
        var out: [String: NumPyArray] = [
            "J": try array(inFileLayout(recurrentWeights)),
            "W_in": try array(inFileLayout(inputWeights)),
            "W_out": try array(inFileLayout(outputWeights)),
            "orientation": NumPyArray(text: orientation.rawValue),
            "readout": NumPyArray(text: readout.rawValue),
            "b": try vector(bias),
            "tau": NumPyArray(scalar: timeConstant.doubleValue),
            "dt": NumPyArray(scalar: timeStep.doubleValue),
            "nonlinearity": NumPyArray(text: nonlinearity.rawValue),
        ]
        if let slope { out["slope"] = NumPyArray(scalar: slope.doubleValue) }
        if let cost {
            out["cost_p"] = NumPyArray(scalar: cost.exponent.doubleValue)
            switch cost.weights {
            case .uniform: break
            case let .scalar(a): out["cost_alpha"] = NumPyArray(scalar: a.doubleValue)
            case let .presynaptic(r): out["cost_alpha"] = try vector(r)
            case let .full(a): out["cost_alpha"] = try array(inFileLayout(a))
            }
        }
        if let inputs { out["inputs"] = try trialArray(inputs) }
        if let targets { out["targets"] = try trialArray(targets) }
        if let initialState { out["initial_state"] = try vector(initialState) }
        return out
    }

    /// Trial data of a member: (T,) or (T, width) is one trial, (trials, T, width) several, stacked into
    /// (trials * T) rows.
    static func trialData(_ a: NumPyArray, member key: String) throws -> (matrix: NumberMatrix, trials: Int) {
        guard !a.isText else { throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected numbers, got text") }
        switch a.shape.count {
        case 1: return (NumberMatrix(rows: a.shape[0], columns: 1, double: a.values), 1)
        case 2: return (NumberMatrix(rows: a.shape[0], columns: a.shape[1], double: a.values), 1)
        case 3:
            guard a.shape[0] > 0 else {
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "a 3-d array (trials, T, width) needs at least one trial, got shape \(NumPyArray.describe(a.shape))")
            }
            return (NumberMatrix(rows: a.shape[0] * a.shape[1], columns: a.shape[2], double: a.values), a.shape[0])
        default:
            throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected a 2-d (T, width) or 3-d (trials, T, width) array, got shape \(NumPyArray.describe(a.shape))")
        }
    }

    /// Stacked trial data as the member to write: 2-d for one trial, (trials, T, width) for several.
    func trialArray(_ m: NumberMatrix) throws -> NumPyArray {
        trialCount > 1 ? try NumPyArray(shape: [trialCount, m.rows / trialCount, m.columns], values: m.doubleValues)
                       : try NumPyArray(shape: [m.rows, m.columns], values: m.doubleValues)
    }
}
