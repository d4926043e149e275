import SynapticBalancing

/// `scipy.sparse.save_npz` archives: members `format` (b'csr', b'csc' or b'coo'), `shape`, `data`,
/// and `indices` + `indptr` (csr, csc) or `row` + `col` (coo), as `scipy.sparse.save_npz("J.npz", J)`
/// writes. Optional members this package adds: `orientation` (0-d text "post_pre" or "pre_post"; the
/// matrix's rows are postsynaptic for post_pre) and, in a balanced file, `h` (the log-scales, float64
/// of length N). `scipy.sparse.load_npz` ignores the extra members.
public enum ScipySparseFormat {
    /// The members read (any other is refused, so a misspelt member is not dropped silently).
    public static let members = ["format", "shape", "data", "indices", "indptr", "row", "col", "orientation", "h", "has_canonical_format", "has_sorted_indices"]

    /// Whether archive arrays are a scipy.sparse matrix (a `format` member and no dense `J`).
    public static func isSparse(_ arrays: [String: NumPyArray]) -> Bool {
        arrays["format"] != nil && arrays["J"] == nil
    }

    /// Reads J from the arrays of a `save_npz` archive.
    /// - Parameters:
    ///   - arrays: the archive's members.
    ///   - name: the file named in errors.
    ///   - override: overrides the `orientation` member.
    ///   - maxNeurons: the largest N accepted.
    /// - Returns: J (row = post); a repeated entry is refused.
    /// - Throws: `NetworkFileError` naming the member for a wrong layout, an index out of range, a
    ///   non-finite value or a duplicate entry.
    public static func decode(_ arrays: [String: NumPyArray], name: String, orientation override: NetworkOrientation? = nil,
                              maxNeurons: Int = InputLimits.defaultMaxSparseNeurons) throws -> SparseNetwork {
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: members, archive: name, what: " of a scipy.sparse file")
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: try statedOrientation(arrays, name: name), override: override)
        let (weights, storage) = try decodeMatrix(arrays, prefix: "", name: name, orientation: orientation, maxNeurons: maxNeurons)
        return SparseNetwork(weights: weights, layout: .scipySparse(storage: storage), orientation: orientation, orientationSource: source)
    }

    /// The archive's `orientation` member (0-d text "post_pre" or "pre_post"), or nil.
    static func statedOrientation(_ arrays: [String: NumPyArray], name: String) throws -> NetworkOrientation? {
        guard let o = arrays["orientation"] else { return nil }
        guard o.isText, o.count == 1, let value = NetworkOrientation(rawValue: o.strings[0]) else {
            throw NetworkFileError.invalidField(field: "\(name):orientation.npy",
                                                message: "expected 'post_pre' (row i of J = synapses into neuron i) or 'pre_post' (W[pre, post], as x @ W) as a 0-d text array")
        }
        return value
    }

    /// Reads the sparse matrix stored as members `<prefix>format`, `<prefix>shape`, `<prefix>data` and
    /// `<prefix>indices` + `<prefix>indptr` (csr, csc) or `<prefix>row` + `<prefix>col` (coo): the
    /// members of `save_npz` for prefix "", those of a network archive for prefix "J_".
    /// - Parameters:
    ///   - arrays: the archive's members.
    ///   - prefix: the member name prefix.
    ///   - name: the file named in errors.
    ///   - orientation: how the file's matrix maps to J.
    ///   - maxNeurons: the largest N accepted.
    /// - Returns: J in CSR (row = post) and the storage (`csr`, `csc` or `coo`).
    /// - Throws: `NetworkFileError` naming the member for a wrong layout, an index out of range, a
    ///   non-finite value or a duplicate entry.
    static func decodeMatrix(_ arrays: [String: NumPyArray], prefix: String, name: String, orientation: NetworkOrientation,
                             maxNeurons: Int) throws -> (weights: SparseMatrix, storage: String) {
        func fail(_ member: String, _ message: String) -> NetworkFileError { .invalidField(field: "\(name):\(prefix)\(member).npy", message: message) }
        guard let f = arrays[prefix + "format"], f.isText, f.count == 1, ["csr", "csc", "coo"].contains(f.strings[0]) else {
            throw fail("format", "expected b'csr', b'csc' or b'coo' (as scipy.sparse.save_npz writes)")
        }
        let storage = f.strings[0]
        func integers(_ key: String) throws -> [Double] {
            guard let a = arrays[prefix + key] else {
                throw NetworkFileError.missingField("\(prefix)\(key) (\(prefix)\(key).npy in \(name), needed for format \(storage))")
            }
            guard !a.isText, a.shape.count == 1 else { throw fail(key, "expected a 1-d integer array, got shape \(NumPyArray.describe(a.shape))") }
            return a.values
        }
        let shape = try integers("shape")
        guard shape.count == 2, shape[0] == shape[1], shape[0] >= 0, shape[0] < Double(Int32.max), shape[0] == shape[0].rounded() else {
            throw fail("shape", "expected a square N x N shape, got \(shape)")
        }
        let n = Int(shape[0])
        guard n <= maxNeurons else {
            throw NetworkFileError.limitExceeded(file: name, message: "\(prefix)shape.npy: N = \(n) neurons, above the limit --max-sparse-neurons \(maxNeurons) (raise --max-sparse-neurons to read it)")
        }
        guard let dataArray = arrays[prefix + "data"], !dataArray.isText, dataArray.shape.count == 1 else {
            throw fail("data", "expected a 1-d array of weights")
        }
        let data = dataArray.values
        if let k = data.firstIndex(where: { !$0.isFinite }) { throw fail("data", "entry \(k) is \(data[k]), not a finite number") }
        func index(_ v: Double, _ member: String, _ k: Int, below limit: Int) throws -> Int32 {
            guard v >= 0, v < Double(limit), v == v.rounded() else {
                throw fail(member, "entry \(k) is \(v), outside 0..<\(limit)")
            }
            return Int32(v)
        }
        // (file row, file column) of each stored entry
        var rows = [Int32](repeating: 0, count: data.count), cols = [Int32](repeating: 0, count: data.count)
        switch storage {
        case "coo":
            let r = try integers("row"), c = try integers("col")
            guard r.count == data.count, c.count == data.count else { throw fail("row", "row, col and data have \(r.count), \(c.count) and \(data.count) entries") }
            for k in data.indices {
                rows[k] = try index(r[k], "row", k, below: n)
                cols[k] = try index(c[k], "col", k, below: n)
            }
        default:
            let pointer = try integers("indptr"), inner = try integers("indices")
            guard pointer.count == n + 1, inner.count == data.count, pointer.first == 0, pointer.last == Double(data.count) else {
                throw fail("indptr", "expected N + 1 = \(n + 1) pointers from 0 to \(data.count) (the entries of data), got \(pointer.count)")
            }
            // every pointer is an integer in 0...nnz and they never decrease, before any is followed
            for outer in 0..<n {
                let lo = pointer[outer], hi = pointer[outer + 1]
                guard hi == hi.rounded(), hi >= 0, hi <= Double(data.count) else {
                    throw fail("indptr", "entry \(outer + 1) is \(hi), outside 0...\(data.count) (the entries of data)")
                }
                guard lo <= hi else { throw fail("indptr", "decreases at \(outer) (\(lo) > \(hi))") }
            }
            for outer in 0..<n {
                for k in Int(pointer[outer])..<Int(pointer[outer + 1]) {
                    let i = try index(inner[k], "indices", k, below: n)
                    if storage == "csr" { rows[k] = Int32(outer); cols[k] = i } else { rows[k] = i; cols[k] = Int32(outer) }
                }
            }
        }
        let (post, pre) = orientation == .postPre ? (rows, cols) : (cols, rows)
        let weights = try SparseNetwork.csr(n: n, post: post, pre: pre, weight: data) { "\(name): \(prefix)data entry \($0)" }
        return (weights, storage)
    }

    /// The members of a `save_npz` archive of J written in the given storage and orientation (as it
    /// was read, so that the user's loader reads the balanced file as it read the input), with the
    /// `orientation` member and `h` if given.
    /// - Parameters:
    ///   - weights: J, row = post.
    ///   - storage: `csr`, `csc` or `coo`.
    ///   - orientation: whether the file's matrix is J (`post_pre`) or its transpose (`pre_post`).
    ///   - logScales: h (one per neuron), or nil.
    /// - Returns: the arrays, for `NumPyArchive.encode`.
    /// - Throws: `NetworkFileError` if an array cannot be formed.
    public static func encode(_ weights: SparseMatrix, storage: String = "csr", orientation: NetworkOrientation = .postPre,
                              logScales: [Double]? = nil) throws -> [String: NumPyArray] {
        var arrays = try encodeMatrix(weights, storage: storage, orientation: orientation, prefix: "")
        arrays["orientation"] = NumPyArray(text: orientation.rawValue)
        if let logScales { arrays["h"] = try NumPyArray(shape: [logScales.count], values: logScales) }
        return arrays
    }

    /// The members `<prefix>format`, `<prefix>shape`, `<prefix>data` and the index members of J stored
    /// as `storage` in `orientation`. The file's matrix M is J (post_pre) or J^T (pre_post); CSR(M) is
    /// CSR(J) or CSR(J^T), and CSC(M) = CSR(M^T); coo writes the entries of CSR(M) in row order.
    static func encodeMatrix(_ weights: SparseMatrix, storage: String, orientation: NetworkOrientation, prefix: String) throws -> [String: NumPyArray] {
        guard ["csr", "csc", "coo"].contains(storage) else {
            throw NetworkFileError.invalidField(field: "\(prefix)format", message: "unknown sparse storage '\(storage)' (csr, csc or coo)")
        }
        let transpose = (storage == "csc") != (orientation == .prePost)
        let stored = transpose ? weights.transposed : weights
        let count = stored.nonzeroCount
        var arrays: [String: NumPyArray] = [
            prefix + "format": NumPyArray(text: storage),
            prefix + "shape": try NumPyArray(shape: [2], values: [Double(weights.rows), Double(weights.columns)], elementType: .int64),
            prefix + "data": try NumPyArray(shape: [count], values: stored.values),
        ]
        if storage == "coo" {
            var row = [Double](repeating: 0, count: count)
            for i in 0..<stored.rows { for k in stored.rowStart[i]..<stored.rowStart[i + 1] { row[k] = Double(i) } }
            arrays[prefix + "row"] = try NumPyArray(shape: [count], values: row, elementType: .int32)
            arrays[prefix + "col"] = try NumPyArray(shape: [count], values: stored.columnIndex.map(Double.init), elementType: .int32)
        } else {
            arrays[prefix + "indices"] = try NumPyArray(shape: [count], values: stored.columnIndex.map(Double.init), elementType: .int32)
            arrays[prefix + "indptr"] = try NumPyArray(shape: [stored.rows + 1], values: stored.rowStart.map(Double.init), elementType: .int64)
        }
        return arrays
    }
}
