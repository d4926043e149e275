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
    /// - Returns: J (row = post); a repeated entry is refused.
    /// - Throws: `NetworkFileError` naming the member for a wrong layout, an index out of range, a
    ///   non-finite value or a duplicate entry.
    public static func decode(_ arrays: [String: NumPyArray], name: String, orientation override: NetworkOrientation? = nil,
                              maxNeurons: Int = InputLimits.defaultMaxSparseNeurons) throws -> SparseNetwork {
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: members, archive: name, what: " of a scipy.sparse file")
        func fail(_ member: String, _ message: String) -> NetworkFileError { .invalidField(field: "\(name):\(member).npy", message: message) }
        guard let f = arrays["format"], f.isText, f.count == 1, ["csr", "csc", "coo"].contains(f.strings[0]) else {
            throw fail("format", "expected b'csr', b'csc' or b'coo' (as scipy.sparse.save_npz writes)")
        }
        let storage = f.strings[0]
        var stated: NetworkOrientation?
        if let o = arrays["orientation"] {
            guard o.isText, o.count == 1, let value = NetworkOrientation(rawValue: o.strings[0]) else {
                throw fail("orientation", "expected 'post_pre' or 'pre_post' as a 0-d text array")
            }
            stated = value
        }
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: stated, override: override)
        func integers(_ key: String) throws -> [Double] {
            guard let a = arrays[key] else { throw NetworkFileError.missingField("\(key) (\(key).npy in \(name), needed for format \(storage))") }
            guard !a.isText, a.shape.count == 1 else { throw fail(key, "expected a 1-d integer array, got shape \(NumPyArray.describe(a.shape))") }
            return a.values
        }
        let shape = try integers("shape")
        guard shape.count == 2, shape[0] == shape[1], shape[0] >= 0, shape[0] < Double(Int32.max), shape[0] == shape[0].rounded() else {
            throw fail("shape", "expected a square N x N shape, got \(shape)")
        }
        let n = Int(shape[0])
        guard n <= maxNeurons else {
            throw NetworkFileError.limitExceeded(file: name, message: "shape.npy: N = \(n) neurons, above the limit --max-sparse-neurons \(maxNeurons) (raise --max-sparse-neurons to read it)")
        }
        guard let dataArray = arrays["data"], !dataArray.isText, dataArray.shape.count == 1 else {
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
            for outer in 0..<n {
                let lo = pointer[outer], hi = pointer[outer + 1]
                guard lo <= hi else { throw fail("indptr", "decreases at \(outer) (\(lo) > \(hi))") }
                for k in Int(lo)..<Int(hi) {
                    let i = try index(inner[k], "indices", k, below: n)
                    if storage == "csr" { rows[k] = Int32(outer); cols[k] = i } else { rows[k] = i; cols[k] = Int32(outer) }
                }
            }
        }
        let (post, pre) = orientation == .postPre ? (rows, cols) : (cols, rows)
        let weights = try SparseNetwork.csr(n: n, post: post, pre: pre, weight: data) { "\(name): stored entry \($0)" }
        return SparseNetwork(weights: weights, layout: .scipySparse(storage: storage), orientation: orientation, orientationSource: source)
    }

    /// The members of a CSR `save_npz` archive of J in the package's orientation (`orientation`
    /// "post_pre"), with `h` if given.
    /// - Parameters:
    ///   - weights: J, row = post.
    ///   - logScales: h (one per neuron), or nil.
    /// - Returns: the arrays, for `NumPyArchive.encode`.
    /// - Throws: `NetworkFileError` if an array cannot be formed.
    public static func encode(_ weights: SparseMatrix, logScales: [Double]? = nil) throws -> [String: NumPyArray] {
        var arrays: [String: NumPyArray] = [
            "format": NumPyArray(text: "csr"),
            "shape": try NumPyArray(shape: [2], values: [Double(weights.rows), Double(weights.columns)], elementType: .int64),
            "data": try NumPyArray(shape: [weights.nonzeroCount], values: weights.values),
            "indices": try NumPyArray(shape: [weights.nonzeroCount], values: weights.columnIndex.map(Double.init), elementType: .int32),
            "indptr": try NumPyArray(shape: [weights.rows + 1], values: weights.rowStart.map(Double.init), elementType: .int64),
            "orientation": NumPyArray(text: NetworkOrientation.postPre.rawValue),
        ]
        if let logScales { arrays["h"] = try NumPyArray(shape: [logScales.count], values: logScales) }
        return arrays
    }
}
