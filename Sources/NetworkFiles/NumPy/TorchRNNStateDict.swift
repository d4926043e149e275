import Rationals

/// A PyTorch `nn.RNN` (one layer, unidirectional) with an optional `nn.Linear` readout, saved as its
/// state_dict the usual way: `np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})`.
///
/// nn.RNN is discrete time, h_t = phi(W_ih u_t + b_ih + W_hh h_{t-1} + b_hh), y_t = W_fc h_t + c. That
/// is the package's model with dt = tau (docs/math.md "Model"): x_{t+1} = J phi(x_t) + W_in u_t + b with
/// x the pre-activation, J = W_hh, W_in = W_ih, b = b_ih + b_hh, W_out = W_fc and the rate readout
/// y = W_out phi(x), trial inputs in order (trials x T x M, PyTorch's batch_first layout). PyTorch's
/// matrices are already post_pre (row i = into unit i). The transform scales both biases by 1 / d_i,
/// which splits b back proportionally; c is not changed by it and is carried as read. A member
/// `initial_state` is the pre-activation x_0 (nn.RNN's h_0 is phi(x_0): for relu and h_0 >= 0 the two
/// agree; the default h_0 = 0 is x_0 = 0).
///
/// The state_dict does not store phi: a member `sbal_nonlinearity` (or `nonlinearity`) may state it,
/// `--rnn-nonlinearity` gives it, and otherwise it is `tanh`, nn.RNN's default, which can be simulated
/// but is not positively homogeneous, so balancing refuses to call the result task-preserving.
public struct TorchRNNStateDict: Sendable, Equatable {
    /// The module path of the RNN ("" or e.g. "rnn."): members `<prefix>weight_hh_l0` ...
    public var prefix: String
    /// The module path of the readout ("fc." for `fc.weight`), nil without one.
    public var readoutPrefix: String?
    /// b_ih and b_hh as they are to be written (nil for `bias=False`).
    public var inputBias: [Double]?
    public var recurrentBias: [Double]?
    /// The readout's bias c (y = W_out h + c), unchanged by the transform.
    public var outputBias: [Double]?
    /// Whether the file stated phi (else it came from an option or the tanh default).
    public var statesNonlinearity: Bool
    /// The log-scales h of the transform that produced these weights (written as `sbal_log_scales`).
    public var logScales: [Double]?

    /// The member names this layout reads besides the RNN's and the readout's own.
    static let extraMembers: Set<String> = ["sbal_nonlinearity", "nonlinearity", "sbal_log_scales", "inputs", "targets", "initial_state"]

    /// True when the archive is an nn.RNN state_dict (it has a `...weight_hh_l0` member).
    public static func isStateDict(_ arrays: [String: NumPyArray]) -> Bool {
        arrays.keys.contains { $0.hasSuffix("weight_hh_l0") }
    }

    /// The same layout after the transform by d = e^h: both biases scaled by 1 / d_i, h recorded.
    public func transformed(logScales h: [Double]) -> TorchRNNStateDict {
        var copy = self
        copy.inputBias = inputBias.map { zip($0, h).map { $0 * Double.exp(-$1) } }
        copy.recurrentBias = recurrentBias.map { zip($0, h).map { $0 * Double.exp(-$1) } }
        copy.logScales = zip(logScales ?? Array(repeating: 0, count: h.count), h).map { $0 + $1 }
        return copy
    }
}

extension NetworkDocument {
    /// Reads an nn.RNN state_dict (see `TorchRNNStateDict`): tau = dt = 1, b = b_ih + b_hh, rate readout.
    /// - Parameters:
    ///   - arrays: the archive's members.
    ///   - name: the file named in errors.
    /// - Throws: `NetworkFileError` naming the member: a second layer or direction, missing or
    ///   mis-shaped tensors, unknown members, a phi other than relu or tanh.
    init(torchArrays arrays: [String: NumPyArray], name: String) throws {
        let recurrent = arrays.keys.filter { $0.hasSuffix("weight_hh_l0") }.sorted()
        guard let hh = recurrent.first else { throw NetworkFileError.missingField("weight_hh_l0 (in \(name))") }
        guard recurrent.count == 1 else {
            throw NetworkFileError.invalidField(field: recurrent.joined(separator: ", "), message: "more than one nn.RNN in the state_dict; save each RNN as its own file")
        }
        let prefix = String(hh.dropLast("weight_hh_l0".count))
        if let other = arrays.keys.sorted().first(where: { $0.hasPrefix(prefix) && ($0.hasSuffix("_l1") || $0.contains("_reverse")) }) {
            throw NetworkFileError.invalidField(field: "\(other).npy", message: "only a one-layer, unidirectional nn.RNN is read (balancing applies to one recurrent matrix; save each layer as its own network)")
        }
        func tensor(_ key: String, rank: Int) throws -> NumPyArray? {
            guard let a = arrays[key] else { return nil }
            guard !a.isText else { throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected numbers, got text") }
            guard a.shape.count == rank else {
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected a \(rank)-d tensor, got shape \(NumPyArray.describe(a.shape))")
            }
            return a
        }
        let wHH = try tensor(hh, rank: 2)!
        let n = wHH.shape[0]
        guard wHH.shape[1] == n else {
            throw NetworkFileError.shapeMismatch("\(hh) is \(wHH.shape[0]) x \(wHH.shape[1]), expected hidden x hidden")
        }
        guard let wIH = try tensor(prefix + "weight_ih_l0", rank: 2) else { throw NetworkFileError.missingField("\(prefix)weight_ih_l0 (in \(name))") }
        guard wIH.shape[0] == n else { throw NetworkFileError.shapeMismatch("\(prefix)weight_ih_l0 has \(wIH.shape[0]) rows, expected \(n) (hidden units)") }
        func bias(_ key: String) throws -> [Double]? {
            guard let b = try tensor(key, rank: 1) else { return nil }
            guard b.count == n else { throw NetworkFileError.shapeMismatch("\(key) has \(b.count) entries, expected \(n) (hidden units)") }
            return b.values
        }
        let bIH = try bias(prefix + "bias_ih_l0"), bHH = try bias(prefix + "bias_hh_l0")
        guard (bIH == nil) == (bHH == nil) else {
            throw NetworkFileError.missingField("\(prefix)\(bIH == nil ? "bias_ih_l0" : "bias_hh_l0") (nn.RNN has both biases or neither, in \(name))")
        }
        // The readout: the one other `<p>weight` (K x H), with an optional `<p>bias`.
        let rnnMembers: Set<String> = [hh, prefix + "weight_ih_l0", prefix + "bias_ih_l0", prefix + "bias_hh_l0"]
        let rest = arrays.keys.filter { !rnnMembers.contains($0) && !TorchRNNStateDict.extraMembers.contains($0) }.sorted()
        let readoutWeights = rest.filter { $0.hasSuffix("weight") }
        guard readoutWeights.count <= 1 else {
            throw NetworkFileError.invalidField(field: readoutWeights.joined(separator: ", "), message: "more than one readout weight; expected one nn.Linear after the RNN")
        }
        let readoutPrefix = readoutWeights.first.map { String($0.dropLast("weight".count)) }
        if let unknown = rest.first(where: { $0 != readoutWeights.first && $0 != (readoutPrefix ?? "\u{0}") + "bias" }) {
            throw NetworkFileError.invalidField(field: "\(unknown).npy", message: "unknown member of an nn.RNN state_dict (expected \(prefix)weight_ih_l0, \(prefix)weight_hh_l0, \(prefix)bias_ih_l0, \(prefix)bias_hh_l0, one readout <name>.weight and <name>.bias, and optionally sbal_nonlinearity, inputs, targets, initial_state)")
        }
        var outputWeights = NumberMatrix(rows: 0, columns: n, exact: [])
        var outputBias: [Double]?
        if let key = readoutWeights.first, let w = try tensor(key, rank: 2) {
            guard w.shape[1] == n else { throw NetworkFileError.shapeMismatch("\(key) has \(w.shape[1]) columns, expected \(n) (hidden units)") }
            outputWeights = NumberMatrix(rows: w.shape[0], columns: n, double: w.values)
            if let c = try tensor(readoutPrefix! + "bias", rank: 1) {
                guard c.count == w.shape[0] else { throw NetworkFileError.shapeMismatch("\(readoutPrefix!)bias has \(c.count) entries, expected \(w.shape[0]) (outputs)") }
                outputBias = c.values
            }
        }
        var kind = NonlinearityKind.tanh
        let statedKey = ["sbal_nonlinearity", "nonlinearity"].first { arrays[$0] != nil }
        if let key = statedKey, let a = arrays[key] {
            guard a.isText, a.count == 1, let k = NonlinearityKind(rawValue: a.strings[0]), k == .relu || k == .tanh else {
                throw NetworkFileError.invalidField(field: "\(key).npy", message: "expected 'relu' or 'tanh' (the nonlinearities of nn.RNN) as a 0-d text array")
            }
            kind = k
        }
        // Trial data as in a network .npz: (T, M) or (trials, T, M); targets (.., K) compare with y - c.
        func trials(_ key: String) throws -> (matrix: NumberMatrix, trials: Int)? { try arrays[key].map { try NetworkDocument.trialData($0, member: key) } }
        let inputs = try trials("inputs")
        // The model's outputs leave out the readout bias: targets are held as y* - c (and written back with c).
        var targets = try trials("targets")
        if let c = outputBias, let t = targets {
            guard t.matrix.columns == c.count else { throw NetworkFileError.shapeMismatch("targets has \(t.matrix.columns) outputs per step, expected \(c.count) (outputs of the readout)") }
            let shifted = t.matrix.doubleValues.enumerated().map { $0.element - c[$0.offset % c.count] }
            targets = (NumberMatrix(rows: t.matrix.rows, columns: t.matrix.columns, double: shifted), t.trials)
        }
        // b = b_ih + b_hh summed exactly (float32 tensors of different exponents need not sum exactly in a double).
        let b = try bIH.map { try zip($0, bHH!).map { try Rational(exactly: $0) + Rational(exactly: $1) } } ?? Array(repeating: Rational(0), count: n)
        try self.init(nonlinearity: kind, timeConstant: 1, timeStep: 1,
                      recurrentWeights: NumberMatrix(rows: n, columns: n, double: wHH.values),
                      inputWeights: NumberMatrix(rows: n, columns: wIH.shape[1], double: wIH.values), outputWeights: outputWeights,
                      bias: NumberMatrix(rows: n, columns: 1, exact: b), inputs: inputs?.matrix,
                      initialState: try tensor("initial_state", rank: 1).map { NumberMatrix(rows: $0.count, columns: 1, double: $0.values) },
                      targets: targets?.matrix, trialCount: NetworkDocument.trialCount(inputs: inputs, targets: targets))
        orientation = .postPre
        orientationSource = .file
        let logScales = try tensor("sbal_log_scales", rank: 1)?.values
        if let logScales {
            guard logScales.count == n, logScales.allSatisfy(\.isFinite) else {
                throw NetworkFileError.invalidField(field: "sbal_log_scales.npy", message: "expected \(n) finite log-scales (one per hidden unit), got \(logScales.count)")
            }
        }
        torchRNN = TorchRNNStateDict(prefix: prefix, readoutPrefix: readoutPrefix, inputBias: bIH, recurrentBias: bHH, outputBias: outputBias,
                                     statesNonlinearity: statedKey != nil, logScales: logScales)
    }

    /// The members of an nn.RNN state_dict for this network, under the names it was read with.
    func torchArrays(_ layout: TorchRNNStateDict) throws -> [String: NumPyArray] {
        let n = neuronCount
        var out: [String: NumPyArray] = [
            layout.prefix + "weight_hh_l0": try NumPyArray(shape: [n, n], values: recurrentWeights.doubleValues),
            layout.prefix + "weight_ih_l0": try NumPyArray(shape: [n, inputCount], values: inputWeights.doubleValues),
            "sbal_nonlinearity": NumPyArray(text: nonlinearity.rawValue),
        ]
        if let bIH = layout.inputBias, let bHH = layout.recurrentBias {
            out[layout.prefix + "bias_ih_l0"] = try NumPyArray(shape: [n], values: bIH)
            out[layout.prefix + "bias_hh_l0"] = try NumPyArray(shape: [n], values: bHH)
        }
        if let p = layout.readoutPrefix {
            out[p + "weight"] = try NumPyArray(shape: [outputCount, n], values: outputWeights.doubleValues)
            if let c = layout.outputBias { out[p + "bias"] = try NumPyArray(shape: [c.count], values: c) }
        }
        if let h = layout.logScales { out["sbal_log_scales"] = try NumPyArray(shape: [h.count], values: h) }
        if let inputs { out["inputs"] = try trialArray(inputs) }
        if let targets {
            let c = layout.outputBias ?? Array(repeating: 0, count: targets.columns)
            let values = targets.doubleValues.enumerated().map { $0.element + c[$0.offset % max(c.count, 1)] }
            out["targets"] = try trialArray(NumberMatrix(rows: targets.rows, columns: targets.columns, double: values))
        }
        if let initialState { out["initial_state"] = try NumPyArray(shape: [initialState.count], values: initialState.doubleValues) }
        return out
    }
}
