import RealModule
import SynapticBalancing

/// A network `.npz` whose recurrent weights are sparse: J as the members of `scipy.sparse.save_npz`
/// with the prefix `J_` (`J_format`, `J_shape`, `J_data`, and `J_indices` + `J_indptr` for csr/csc or
/// `J_row` + `J_col` for coo), beside the members of a dense network file (`W_in`, `b`, `W_out`, `tau`,
/// `dt`, `nonlinearity`, `readout`, `orientation`, ...; see `NetworkDocument.numPyMembers`):
///
/// ```python
/// np.savez("net.npz", J_format=J.format, J_shape=J.shape, J_data=J.data, J_indices=J.indices,
///          J_indptr=J.indptr, W_in=W_in, b=b, W_out=W_out, readout="state", orientation="post_pre")
/// ```
///
/// The transform of docs/math.md "Model" acts on every member along the neuron axis: J -> D^-1 J D,
/// W_in -> D^-1 W_in, b -> D^-1 b, x_0 -> D^-1 x_0, W_out -> W_out D (d = e^h). Members are kept in the
/// file's layout (a `pre_post` W_in is M x N) and written back under the same names, with `h`.
public enum SparseNetworkArchive {
    /// The members holding J.
    public static let matrixMembers = ["J_format", "J_shape", "J_data", "J_indices", "J_indptr", "J_row", "J_col"]

    /// Every member read (any other is refused, so a misspelt member is not dropped silently).
    public static let members = matrixMembers + NetworkDocument.numPyMembers.filter { $0 != "J" } + ["h"]

    /// Whether archive members (or their names) hold a network with a sparse J.
    public static func isNetworkArchive<Names: Sequence<String>>(memberNames: Names) -> Bool {
        memberNames.contains("J_format")
    }

    /// Reads a network with a sparse J from the arrays of an `.npz` archive.
    /// - Parameters:
    ///   - arrays: the archive's members.
    ///   - name: the file named in errors.
    ///   - override: overrides the `orientation` member.
    ///   - maxNeurons: the largest N accepted.
    /// - Returns: the network: J in CSR (row = post), the other members as read.
    /// - Throws: `NetworkFileError` naming the member and what is wrong (shape against N, a non-finite
    ///   value, an unknown text value, a dense N x N `cost_alpha`).
    public static func decode(_ arrays: [String: NumPyArray], name: String, orientation override: NetworkOrientation? = nil,
                              maxNeurons: Int = InputLimits.defaultMaxSparseNeurons) throws -> SparseNetwork {
        try decode(arrays, raw: nil, name: name, orientation: override, maxNeurons: maxNeurons)
    }

    /// As `decode(_:name:orientation:maxNeurons:)`, with J's large members possibly left raw.
    static func decode(_ arrays: [String: NumPyArray], raw: ScipySparseFormat.RawArrays?, name: String,
                       orientation override: NetworkOrientation?, maxNeurons: Int) throws -> SparseNetwork {
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: members, archive: name, what: " of a network with a sparse J")
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: try ScipySparseFormat.statedOrientation(arrays, name: name), override: override)
        let (weights, storage) = try ScipySparseFormat.decodeMatrix(arrays, raw: raw, prefix: "J_", name: name, orientation: orientation, maxNeurons: maxNeurons)
        var others = arrays
        for key in matrixMembers + ["orientation", "h"] { others[key] = nil }
        try validate(others, neurons: weights.rows, orientation: orientation, name: name)
        var network = SparseNetwork(weights: weights, layout: .networkArchive(storage: storage), orientation: orientation, orientationSource: source)
        network.networkMembers = others
        return network
    }

    /// The members to write: the network's other members, J in its storage and orientation under the
    /// `J_` names, `orientation`, and `h` if given.
    /// - Parameters:
    ///   - network: the (transformed) network.
    ///   - logScales: h, or nil.
    /// - Returns: the arrays, for `NumPyArchive.encode`.
    /// - Throws: `NetworkFileError` if an array cannot be formed.
    public static func encode(_ network: SparseNetwork, logScales: [Double]?) throws -> [String: NumPyArray] {
        try members(network, logScales: logScales).mapValues(NumPyArchiveWriter.array)
    }

    /// The members of `encode(_:logScales:)`, typed for `NumPyArchiveWriter`.
    public static func members(_ network: SparseNetwork, logScales: [Double]?) throws -> [String: NumPyArchiveWriter.Member] {
        var storage = "csr"
        if case let .networkArchive(s) = network.layout { storage = s }
        var members = network.networkMembers.mapValues(NumPyArchiveWriter.Member.init)
        for (key, value) in try ScipySparseFormat.encodeMatrix(network.weights, storage: storage, orientation: network.orientation, prefix: "J_") {
            members[key] = value
        }
        members["orientation"] = NumPyArchiveWriter.Member(NumPyArray(text: network.orientation.rawValue))
        if let logScales { members["h"] = NumPyArchiveWriter.Member(shape: [logScales.count], elements: .float64(logScales)) }
        return members
    }

    /// The axis of a weight member that runs over the N neurons, in the file's layout (a 1-d W_in is
    /// one input column, a 1-d W_out one output row: axis 0 either way).
    static func neuronAxis(of key: String, shape: [Int], orientation: NetworkOrientation) -> Int {
        guard shape.count == 2 else { return 0 }
        switch key {
        case "W_in": return orientation == .postPre ? 0 : 1
        case "W_out", "cost_alpha": return orientation == .postPre ? 1 : 0
        default: return 0
        }
    }

    /// Checks the members other than J against N and each other.
    static func validate(_ arrays: [String: NumPyArray], neurons n: Int, orientation: NetworkOrientation, name: String) throws {
        func fail(_ key: String, _ message: String) -> NetworkFileError { .invalidField(field: "\(name):\(key).npy", message: message) }
        func numeric(_ key: String) throws -> NumPyArray? {
            guard let a = arrays[key] else { return nil }
            guard !a.isText else { throw fail(key, "expected numbers, got text") }
            if let k = a.values.firstIndex(where: { !$0.isFinite }) { throw fail(key, "entry \(k) is \(a.values[k]), not a finite number") }
            return a
        }
        func text(_ key: String, _ allowed: [String]) throws {
            guard let a = arrays[key] else { return }
            guard a.isText, a.count == 1, allowed.contains(a.strings[0]) else {
                throw fail(key, "expected one of \(allowed.joined(separator: ", ")) as a 0-d text array")
            }
        }
        try text("nonlinearity", NetworkDocument.NonlinearityKind.allCases.map(\.rawValue))
        try text("readout", Readout.allCases.map(\.rawValue))
        for key in ["tau", "dt", "slope", "cost_p"] {
            guard let a = try numeric(key) else { continue }
            guard a.count == 1, a.shape.count <= 1 else { throw fail(key, "expected a scalar (0-d array), got shape \(NumPyArray.describe(a.shape))") }
            if key != "slope", !(a.values[0] > 0) { throw fail(key, "expected a value > 0, got \(a.values[0])") }
        }
        // Matrices: the neuron axis has N entries (the other is inputs M or outputs K).
        var widths: [String: Int] = [:]
        for key in ["W_in", "W_out"] {
            guard let a = try numeric(key) else { continue }
            guard (1...2).contains(a.shape.count) else { throw fail(key, "expected a 2-d array, got shape \(NumPyArray.describe(a.shape))") }
            let axis = neuronAxis(of: key, shape: a.shape, orientation: orientation)
            guard a.shape[axis] == n else {
                let layout = key == "W_in" ? (orientation == .postPre ? "N x M" : "M x N") : (orientation == .postPre ? "K x N" : "N x K")
                throw fail(key, "shape \(NumPyArray.describe(a.shape)) does not match N = \(n) neurons (expected \(layout) in orientation \(orientation.rawValue))")
            }
            widths[key] = a.shape.count == 2 ? a.shape[1 - axis] : 1
        }
        for key in ["b", "initial_state"] {
            guard let a = try numeric(key) else { continue }
            guard a.count == n, a.shape.count == 1 || (a.shape.count == 2 && a.shape[1] == 1) else {
                throw fail(key, "expected a vector of N = \(n) entries, got shape \(NumPyArray.describe(a.shape))")
            }
        }
        if let a = try numeric("cost_alpha") {
            guard a.shape.count <= 1, a.count == 1 || a.count == n else {
                throw fail("cost_alpha", "with a sparse J, give a scalar or a length-N vector (alpha_ij = a_j per presynaptic neuron); got shape \(NumPyArray.describe(a.shape)) (an N x N alpha is dense)")
            }
            if let k = a.values.firstIndex(where: { $0 < 0 }) { throw fail("cost_alpha", "entry \(k) is \(a.values[k]), expected >= 0") }
        }
        // Trial data: the last axis is the inputs M (the outputs K for targets).
        for (key, weights) in [("inputs", "W_in"), ("targets", "W_out")] {
            guard let a = try numeric(key) else { continue }
            guard (1...3).contains(a.shape.count) else {
                throw fail(key, "expected a 2-d (T, width) or 3-d (trials, T, width) array, got shape \(NumPyArray.describe(a.shape))")
            }
            let width = a.shape.count == 1 ? 1 : a.shape[a.shape.count - 1]
            if let expected = widths[weights], width != expected {
                throw fail(key, "has width \(width) (last axis), but \(weights).npy has \(expected) \(key == "inputs" ? "inputs" : "outputs")")
            }
        }
    }
}

extension SparseNetwork {
    /// The unit nonlinearity the file states (relu when it states none, as for dense files).
    public var nonlinearityName: String { networkMembers["nonlinearity"]?.strings.first ?? NetworkDocument.NonlinearityKind.relu.rawValue }

    /// Whether D^-1 J D with the companion transforms preserves the input-output map: phi is positively
    /// homogeneous (relu, leaky_relu, linear), or the file holds J alone.
    public var transformPreservesTask: Bool {
        networkMembers.isEmpty || nonlinearityName != NetworkDocument.NonlinearityKind.tanh.rawValue
    }

    /// The cost the file names (`cost_p`, `cost_alpha` a scalar or one weight per presynaptic neuron),
    /// or nil when it names none.
    /// - Throws: `BalancingError` for an invalid exponent.
    public func fileCost() throws -> CostModel? {
        let p = networkMembers["cost_p"], alpha = networkMembers["cost_alpha"]
        guard p != nil || alpha != nil else { return nil }
        var weighting = CostWeighting.uniform
        if let alpha { weighting = .presynaptic(alpha.count == 1 ? Array(repeating: alpha.values[0], count: neuronCount) : alpha.values) }
        return try CostModel(exponent: p?.values[0] ?? 2, weighting: weighting)
    }

    /// This network with J replaced by the balanced `weights` = D^-1 J D and the other members
    /// transformed with it (docs/math.md "Model"): W_in -> D^-1 W_in, b -> D^-1 b, x_0 -> D^-1 x_0,
    /// W_out -> W_out D, d = e^h; tau, dt, phi, the readout and trial data are unchanged.
    /// - Parameters:
    ///   - weights: D^-1 J D, in the structure of `self.weights`.
    ///   - h: the log-scales.
    /// - Returns: the transformed network.
    /// - Throws: `BalancingError.invalidParameter` for tanh (not positively homogeneous) or an h of
    ///   the wrong length.
    public func transformed(to weights: SparseMatrix, logScales h: [Double]) throws -> SparseNetwork {
        guard h.count == neuronCount, weights.rows == neuronCount else {
            throw BalancingError.shapeMismatch("log-scales h have \(h.count) entries, balanced J has \(weights.rows) rows, for N = \(neuronCount) neurons")
        }
        guard transformPreservesTask else {
            throw BalancingError.invalidParameter("tanh is not positively homogeneous, so phi(D x) != D phi(x) and the transform changes the task")
        }
        var result = self
        result.weights = weights
        let d = h.map { Double.exp($0) }
        for (key, array) in networkMembers {
            let towardNeuron: Bool  // true: multiply by 1/d_i (W_in, b, x_0); false: by d_j (W_out)
            switch key {
            case "W_in", "b", "initial_state": towardNeuron = true
            case "W_out": towardNeuron = false
            default: continue
            }
            var scaled = array
            let axis = SparseNetworkArchive.neuronAxis(of: key, shape: array.shape, orientation: orientation)
            let inner = array.shape.count == 2 && axis == 0 ? array.shape[1] : 1  // stride of the neuron index
            let outer = array.shape.count == 2 && axis == 1 ? array.shape[0] : 1
            for o in 0..<outer {
                for i in 0..<neuronCount {
                    let factor = towardNeuron ? 1 / d[i] : d[i]
                    let base = array.shape.count == 2 && axis == 1 ? o * neuronCount + i : i * inner
                    for k in base..<base + inner { scaled.values[k] = array.values[k] * factor }
                }
            }
            result.networkMembers[key] = scaled
        }
        return result
    }
}
