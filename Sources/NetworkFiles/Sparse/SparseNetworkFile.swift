import Foundation
import SynapticBalancing

/// Reading and writing sparse networks: `.csv` / `.tsv` edge lists (`EdgeListFormat`) and
/// `scipy.sparse.save_npz` archives (`ScipySparseFormat`), balanced in CSR without densifying.
public enum SparseNetworkFile {
    /// Whether a path is an edge list (`.csv`, `.tsv`, `.tab`).
    public static func isEdgeList(_ path: String) -> Bool {
        ["csv", "tsv", "tab"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// Whether a path holds a sparse network: an edge list, an `.npz` whose members are a
    /// scipy.sparse matrix, or a network `.npz` with a sparse J (`J_format`, ...; `SparseNetworkArchive`).
    /// Only the archive's directory is read.
    public static func isSparse(_ path: String) -> Bool {
        if isEdgeList(path) { return true }
        guard URL(fileURLWithPath: path).pathExtension.lowercased() == "npz",
              let listed = ZipDirectory.memberNames(ofFileAt: path) else { return false }
        let names = Set(listed)
        return (names.contains("format.npy") && !names.contains("J.npy")) || names.contains("J_format.npy")
    }

    /// Reads a sparse network; the file's size is checked against `limits.maxUncompressedBytes`
    /// before it is read (N is bounded by the stored entries' indices, not by `--max-neurons`).
    /// - Parameters:
    ///   - path: a `.csv`/`.tsv` edge list, a scipy.sparse `.npz` or a network `.npz` with a sparse J.
    ///   - limits: the size limits.
    ///   - orientation: overrides a scipy file's `orientation`; refused for an edge list, whose
    ///     columns state it (pre, post).
    /// - Returns: the network.
    /// - Throws: `NetworkFileError` naming the file, line and column (edge list) or member (npz).
    public static func read(_ path: String, limits: InputLimits = .standard, orientation: NetworkOrientation? = nil) throws -> SparseNetwork {
        let slack = isEdgeList(path) ? 0 : 1 << 20
        let maxBytes = limits.maxUncompressedBytes.addingReportingOverflow(slack).overflow ? Int.max : limits.maxUncompressedBytes + slack
        if isEdgeList(path) {
            if let orientation, orientation != .postPre {
                throw NetworkFileError.io(path: path, message: "an edge list states its orientation by its columns (pre, post, weight); --orientation \(orientation.rawValue) does not apply")
            }
            let bytes = try AtomicFile.read(path, maxBytes: maxBytes, option: "--max-uncompressed-bytes")
            return try EdgeListFormat.decode(bytes, name: path, delimiter: EdgeListFormat.delimiter(path: path, bytes: bytes), maxNeurons: limits.maxSparseNeurons)
        }
        // read in place: J's data, indices and pointers are left raw, to be copied straight into CSR
        // when canonical (the file's pages given back as they are copied)
        let file = try MappedFile(path: path, maxBytes: maxBytes, option: "--max-uncompressed-bytes")
        let large: Set<String> = ["data", "indices", "indptr", "J_data", "J_indices", "J_indptr"]
        let (arrays, rawMembers) = try NumPyArchive.decode(file.bytes, name: path, maxUncompressedBytes: limits.maxUncompressedBytes,
                                                           maxDimensions: 3, rawMembers: large)
        let raw = ScipySparseFormat.RawArrays(file: file, members: rawMembers, name: path)
        if SparseNetworkArchive.isNetworkArchive(memberNames: Array(arrays.keys) + Array(rawMembers.keys)) {
            return try SparseNetworkArchive.decode(arrays, raw: raw, name: path, orientation: orientation, maxNeurons: limits.maxSparseNeurons)
        }
        return try ScipySparseFormat.decode(arrays, raw: raw, name: path, orientation: orientation, maxNeurons: limits.maxSparseNeurons)
    }

    /// Writes a (balanced) sparse network atomically in the layout its path names: an edge list
    /// (`.csv` comma, `.tsv` tab) plus its log-scales in `<path without extension>.h.<ext>`
    /// (`neuron,h` lines), or an `.npz` with member `h`: a scipy.sparse matrix, or a network archive
    /// with its other members, in the storage (csr, csc, coo) and orientation it was read in, so that
    /// the loader that read the input reads the output. Names are kept.
    /// - Parameters:
    ///   - network: the network (weights row = post, names).
    ///   - logScales: h, or nil to write J alone.
    ///   - path: the destination.
    /// - Returns: the paths written.
    /// - Throws: `NetworkFileError.io` for an unknown extension or a failed write (nothing is left
    ///   half-written: each file is replaced atomically).
    @discardableResult
    public static func write(_ network: SparseNetwork, logScales: [Double]?, to path: String) throws -> [String] {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if isEdgeList(path) {
            let delimiter: UInt8 = ext == "tsv" || ext == "tab" ? 9 : 44
            var written = [path]
            if let logScales {
                let scalesPath = logScalesPath(forEdgeList: path)
                try AtomicFile.write(EdgeListFormat.encodeLogScales(network, logScales: logScales, delimiter: delimiter), to: scalesPath)
                written.append(scalesPath)
            }
            try AtomicFile.write(to: path) { sink in try EdgeListFormat.encode(network, delimiter: delimiter) { try sink.write($0) } }
            return written
        }
        guard ext == "npz" else {
            throw NetworkFileError.io(path: path, message: "unknown sparse network extension (use .csv, .tsv or .npz)")
        }
        // streamed from the CSR arrays (NumPyArchiveWriter): no archive and no Double indices in memory
        switch network.layout {
        case .networkArchive:
            try NumPyArchiveWriter.write(try SparseNetworkArchive.members(network, logScales: logScales), to: path)
        case let .scipySparse(storage):
            try NumPyArchiveWriter.write(try ScipySparseFormat.members(network.weights, storage: storage, orientation: network.orientation,
                                                                       logScales: logScales), to: path)
        case .edgeList:
            try NumPyArchiveWriter.write(try ScipySparseFormat.members(network.weights, logScales: logScales), to: path)
        }
        return [path]
    }

    /// Where the log-scales of an edge list are written: `balanced.csv` -> `balanced.h.csv`.
    public static func logScalesPath(forEdgeList path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        return url.deletingPathExtension().path + ".h." + ext
    }
}
