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
        try decode(arrays, raw: nil, name: name, orientation: override, maxNeurons: maxNeurons)
    }

    /// As `decode(_:name:orientation:maxNeurons:)`, with the large members possibly left raw.
    static func decode(_ arrays: [String: NumPyArray], raw: RawArrays?, name: String, orientation override: NetworkOrientation?,
                       maxNeurons: Int) throws -> SparseNetwork {
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: members, archive: name, what: " of a scipy.sparse file")
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: try statedOrientation(arrays, name: name), override: override)
        let (weights, storage) = try decodeMatrix(arrays, raw: raw, prefix: "", name: name, orientation: orientation, maxNeurons: maxNeurons)
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
    /// The large members of an archive left undecoded (`NumPyArchive.RawMember`), with the file they
    /// lie in; each member's CRC-32 is checked as it is read.
    struct RawArrays {
        let file: MappedFile
        let members: [String: NumPyArchive.RawMember]
        let name: String

        /// A raw member checked and decoded as usual (the general path).
        func decoded(_ key: String) throws -> NumPyArray? {
            guard let m = members[key] else { return nil }
            let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[m.member])
            var crc = ZipCRC32()
            crc.update(bytes)
            guard crc.value == m.crc32 else { throw badCRC(key) }
            return try NumPyFormat.decode(raw: bytes, name: "\(name):\(key).npy", maxDimensions: 1)
        }

        func badCRC(_ key: String) -> NetworkFileError {
            .invalidNumPy(file: "\(name):\(key).npy", message: "bad CRC-32: the member's data is corrupted")
        }

        /// A member's data copied into `count` elements while its CRC-32 is checked (`MappedFile.copy`:
        /// the file's pages are given back as they are copied); nil when the sizes do not agree.
        func copy<Element>(_ key: String, count: Int, into _: Element.Type) throws -> [Element]? {
            guard let m = members[key], m.data.count == count * MemoryLayout<Element>.stride else { return nil }
            var crc = ZipCRC32()
            crc.update(UnsafeRawBufferPointer(rebasing: file.bytes[m.member.lowerBound..<m.data.lowerBound]))
            let out = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { file.copy(m.data, to: UnsafeMutableRawPointer(buffer.baseAddress!), crc: &crc) }
                initialized = count
            }
            guard crc.value == m.crc32 else { throw badCRC(key) }
            return out
        }

        /// J from `data`, `indices`, `indptr` that are already the CSR of J, copied straight into typed
        /// storage ('<f8' data, '<i4' or '<i8' indices and pointers): nil unless every row's columns are
        /// strictly increasing and in range, the pointers run from 0 to nnz without decreasing and every
        /// weight is finite (`SparseMatrix`'s checks; anything else takes the general path, whose errors
        /// name the entry).
        /// - Throws: `NetworkFileError.invalidNumPy` for a member whose CRC-32 does not match.
        func canonicalCSR(prefix: String, n: Int) throws -> SparseMatrix? {
            guard let d = members[prefix + "data"], let ix = members[prefix + "indices"], let ip = members[prefix + "indptr"],
                  d.descriptor == "<f8", d.shape.count == 1, ix.shape.count == 1, ip.shape.count == 1,
                  ix.shape[0] == d.shape[0], ip.shape[0] == n + 1,
                  ["<i8", "<i4"].contains(ip.descriptor), ["<i8", "<i4"].contains(ix.descriptor) else { return nil }
            let nnz = d.shape[0]
            // the weights are copied on a second thread while the indices are copied on this one
            final class Copied: @unchecked Sendable { var values: Result<[Double]?, Error> = .success(nil) }
            let copied = Copied()
            let source = self
            let key = prefix + "data"
            var rowStart: [Int] = []
            var column: [Int32] = []
            var regular = true
            try concurrently({
                if ip.descriptor == "<i8" {
                    guard let p = try copy(prefix + "indptr", count: n + 1, into: Int64.self) else { regular = false; return }
                    rowStart = p.map { Int($0) }
                } else {
                    guard let p = try copy(prefix + "indptr", count: n + 1, into: Int32.self) else { regular = false; return }
                    rowStart = p.map { Int($0) }
                }
                if ix.descriptor == "<i4" {
                    guard let c = try copy(prefix + "indices", count: nnz, into: Int32.self) else { regular = false; return }
                    column = c
                } else {
                    guard let c = try copy(prefix + "indices", count: nnz, into: Int64.self), c.allSatisfy({ $0 >= 0 && $0 < n }) else { regular = false; return }
                    column = c.map { Int32(truncatingIfNeeded: $0) }
                }
            }, background: {
                copied.values = Result { try source.copy(key, count: nnz, into: Double.self) }
            })
            guard regular, let values = try copied.values.get() else { return nil }
            return try? SparseMatrix(rows: n, columns: n, rowStart: rowStart, columnIndex: column, values: values)
        }
    }

    static func decodeMatrix(_ arrays: [String: NumPyArray], raw: RawArrays? = nil, prefix: String, name: String, orientation: NetworkOrientation,
                             maxNeurons: Int) throws -> (weights: SparseMatrix, storage: String) {
        func fail(_ member: String, _ message: String) -> NetworkFileError { .invalidField(field: "\(name):\(prefix)\(member).npy", message: message) }
        func member(_ key: String) throws -> NumPyArray? { try arrays[prefix + key] ?? raw?.decoded(prefix + key) }
        guard let f = arrays[prefix + "format"], f.isText, f.count == 1, ["csr", "csc", "coo"].contains(f.strings[0]) else {
            throw fail("format", "expected b'csr', b'csc' or b'coo' (as scipy.sparse.save_npz writes)")
        }
        let storage = f.strings[0]
        func integers(_ key: String) throws -> [Double] {
            guard let a = try member(key) else {
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
        // The common case, read without a Double per index: csr of J itself (csr post_pre, or csc
        // pre_post, whose arrays are the CSR of J), stored, canonical (sorted rows, no duplicates).
        if let raw, (storage == "csr" && orientation == .postPre) || (storage == "csc" && orientation == .prePost),
           let weights = try raw.canonicalCSR(prefix: prefix, n: n) {
            return (weights, storage)
        }
        guard let dataArray = try member("data"), !dataArray.isText, dataArray.shape.count == 1 else {
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
        try members(weights, storage: storage, orientation: orientation, logScales: logScales).mapValues(NumPyArchiveWriter.array)
    }

    /// The members of `encode(_:storage:orientation:logScales:)`, typed for `NumPyArchiveWriter` (the
    /// data and indices are written from the CSR arrays, not converted).
    public static func members(_ weights: SparseMatrix, storage: String = "csr", orientation: NetworkOrientation = .postPre,
                               logScales: [Double]? = nil) throws -> [String: NumPyArchiveWriter.Member] {
        var members = try encodeMatrix(weights, storage: storage, orientation: orientation, prefix: "")
        members["orientation"] = NumPyArchiveWriter.Member(NumPyArray(text: orientation.rawValue))
        if let logScales { members["h"] = NumPyArchiveWriter.Member(shape: [logScales.count], elements: .float64(logScales)) }
        return members
    }

    /// The members `<prefix>format`, `<prefix>shape`, `<prefix>data` and the index members of J stored
    /// as `storage` in `orientation`. The file's matrix M is J (post_pre) or J^T (pre_post); CSR(M) is
    /// CSR(J) or CSR(J^T), and CSC(M) = CSR(M^T); coo writes the entries of CSR(M) in row order.
    static func encodeMatrix(_ weights: SparseMatrix, storage: String, orientation: NetworkOrientation, prefix: String) throws -> [String: NumPyArchiveWriter.Member] {
        guard ["csr", "csc", "coo"].contains(storage) else {
            throw NetworkFileError.invalidField(field: "\(prefix)format", message: "unknown sparse storage '\(storage)' (csr, csc or coo)")
        }
        let transpose = (storage == "csc") != (orientation == .prePost)
        let stored = transpose ? weights.transposed : weights
        let count = stored.nonzeroCount
        var members: [String: NumPyArchiveWriter.Member] = [
            prefix + "format": NumPyArchiveWriter.Member(NumPyArray(text: storage)),
            prefix + "shape": NumPyArchiveWriter.Member(shape: [2], elements: .int64([weights.rows, weights.columns])),
            prefix + "data": NumPyArchiveWriter.Member(shape: [count], elements: .float64(stored.values)),
        ]
        if storage == "coo" {
            var row = [Int32](repeating: 0, count: count)
            for i in 0..<stored.rows { for k in stored.rowStart[i]..<stored.rowStart[i + 1] { row[k] = Int32(truncatingIfNeeded: i) } }
            members[prefix + "row"] = NumPyArchiveWriter.Member(shape: [count], elements: .int32(row))
            members[prefix + "col"] = NumPyArchiveWriter.Member(shape: [count], elements: .int32(stored.columnIndex))
        } else {
            members[prefix + "indices"] = NumPyArchiveWriter.Member(shape: [count], elements: .int32(stored.columnIndex))
            members[prefix + "indptr"] = NumPyArchiveWriter.Member(shape: [stored.rows + 1], elements: .int64(stored.rowStart))
        }
        return members
    }
}
