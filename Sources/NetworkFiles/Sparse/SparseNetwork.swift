import SynapticBalancing

/// A sparse recurrent weight matrix J read from a connectome file (a CSV/TSV edge list or a
/// `scipy.sparse.save_npz` archive), with the neuron names an edge list gives.
///
/// `weights` is always in the package's orientation (`post_pre`: row i = synapses into neuron i),
/// whatever the file's layout; stored entries keep the file's values, zeros included.
public struct SparseNetwork: Sendable, Equatable {
    /// The layout a sparse network was read from, and is written back in.
    public enum Layout: Sendable, Equatable {
        /// `pre<delimiter>post<delimiter>weight` lines; `delimiter` is `,` or a tab.
        case edgeList(delimiter: UInt8)
        /// A `scipy.sparse.save_npz` archive; `storage` is `csr`, `csc` or `coo`.
        case scipySparse(storage: String)
        /// A network `.npz` whose J is stored sparsely (members `J_format`, `J_shape`, `J_data`, ...)
        /// beside W_in, b, W_out and the unit model (`SparseNetworkArchive`).
        case networkArchive(storage: String)
    }

    /// J in CSR, row = postsynaptic neuron.
    public var weights: SparseMatrix
    /// Neuron names in index order (an edge list that names neurons), or nil (indices).
    public var neuronNames: [String]?
    /// The file layout.
    public var layout: Layout
    /// The orientation of the file's matrix (an edge list is `post_pre` by its columns).
    public var orientation: NetworkOrientation
    /// Where `orientation` came from.
    public var orientationSource: NetworkOrientation.Source
    /// The other members of a network archive (W_in, b, W_out, tau, dt, nonlinearity, readout, ...)
    /// exactly as read, in the file's layout; empty for a bare matrix or an edge list.
    /// `transformed(to:logScales:)` rescales W_in, b, initial_state and W_out with J.
    public var networkMembers: [String: NumPyArray] = [:]

    /// A sparse network.
    /// - Parameters:
    ///   - weights: J in CSR, row = postsynaptic neuron.
    ///   - neuronNames: one name per neuron, or nil.
    ///   - layout: the file layout it is written in.
    ///   - orientation: the orientation the file's matrix is written in.
    ///   - orientationSource: where that orientation came from.
    public init(weights: SparseMatrix, neuronNames: [String]? = nil, layout: Layout,
                orientation: NetworkOrientation = .postPre, orientationSource: NetworkOrientation.Source = .file) {
        self.weights = weights
        self.neuronNames = neuronNames
        self.layout = layout
        self.orientation = orientation
        self.orientationSource = orientationSource
    }

    /// Neurons N.
    public var neuronCount: Int { weights.rows }

    /// Moves J out, leaving N neurons and no synapses, so that the caller holds J's only reference
    /// (balancing then writes D^-1 J D into J's own storage, without a second copy of the weights).
    /// `transformed(to:logScales:)` puts the balanced J back.
    public mutating func takeWeights() -> SparseMatrix {
        let n = weights.rows
        let taken = weights
        weights = (try? SparseMatrix(rows: n, columns: n, rowStart: [Int](repeating: 0, count: n + 1), columnIndex: [], values: [])) ?? taken
        return taken
    }

    /// The name of neuron `i`: its name from the file, else its index.
    public func name(of i: Int) -> String { neuronNames.map { $0[i] } ?? String(i) }

    /// How the file's layout maps to J, for a command's output (the assumed-orientation line).
    public var orientationDescription: String {
        switch layout {
        case .edgeList:
            return "post_pre (edge list pre,post,weight: the line \"j,i,w\" is J[i][j] = w, the synapse from j into i)"
        case .scipySparse, .networkArchive:
            return orientation.describe(source: orientationSource)
        }
    }

    /// Builds CSR from (post, pre, weight) triples: sorted by row, then column; a repeated
    /// (post, pre) pair is refused (`describe` names the two occurrences by their triple positions).
    /// - Parameters:
    ///   - n: neurons N.
    ///   - post: the row of each triple.
    ///   - pre: the column of each triple.
    ///   - weight: the value of each triple.
    ///   - describe: the text naming a triple (by its index) in errors, e.g. "line 7".
    /// - Returns: the CSR matrix.
    /// - Throws: `NetworkFileError.invalidField` for a duplicate synapse.
    static func csr(n: Int, post: [Int32], pre: [Int32], weight: [Double], describe: (Int) -> String) throws -> SparseMatrix {
        var rowStart = [Int](repeating: 0, count: n + 1)
        for i in post { rowStart[Int(i) + 1] += 1 }
        for i in 0..<n { rowStart[i + 1] += rowStart[i] }
        // counting sort by row (stable), remembering each entry's triple for errors
        var next = rowStart
        var order = [Int32](repeating: 0, count: post.count)
        for k in post.indices {
            let i = Int(post[k])
            order[next[i]] = Int32(truncatingIfNeeded: k)
            next[i] += 1
        }
        var columnIndex = [Int32](repeating: 0, count: post.count)
        var values = [Double](repeating: 0, count: post.count)
        for i in 0..<n {
            let lo = rowStart[i], hi = rowStart[i + 1]
            guard hi > lo else { continue }
            var sorted = true
            for e in lo + 1..<max(lo + 1, hi) where pre[Int(order[e])] <= pre[Int(order[e - 1])] { sorted = false; break }
            if !sorted { order[lo..<hi].sort { pre[Int($0)] != pre[Int($1)] ? pre[Int($0)] < pre[Int($1)] : $0 < $1 } }
            for e in lo..<hi {
                let k = Int(order[e])
                if e > lo, pre[k] == columnIndex[e - 1] {
                    throw NetworkFileError.invalidField(
                        field: describe(k),
                        message: "duplicate synapse from \(pre[k]) into \(post[k]) (also at \(describe(Int(order[e - 1])))); sum duplicates before saving (e.g. scipy's J.sum_duplicates())")
                }
                columnIndex[e] = pre[k]
                values[e] = weight[k]
            }
        }
        return try SparseMatrix(rows: n, columns: n, rowStart: rowStart, columnIndex: columnIndex, values: values)
    }
}
