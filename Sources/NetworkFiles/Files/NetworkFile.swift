import BalancingVerification
import Foundation

/// Reading and writing network files by extension: `.json` (exact) or `.npz` (NumPy, float64).
public enum NetworkFile {
    /// The file formats.
    public enum Format: String, Sendable { case json, npz }

    /// The format of a path, from its extension; throws for any other extension.
    public static func format(of path: String) throws -> Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "json": return .json
        case "npz": return .npz
        default: throw NetworkFileError.io(path: path, message: "unknown network file extension (use .json or .npz)")
        }
    }

    /// What a `.json` or `.npz` file holds: a network, or (JSON only) a certificate, told apart by
    /// the document's "format" field.
    public enum Contents: Sendable {
        case network(NetworkDocument)
        case certificate(Certificate)
    }

    /// Reads a network file or a certificate, reading and parsing the file once; every limit is
    /// checked before the numbers are converted.
    public static func readNetworkOrCertificate(_ path: String, limits: InputLimits = .standard, orientation: NetworkOrientation? = nil) throws -> Contents {
        guard try format(of: path) == .json else { return .network(try read(path, limits: limits, orientation: orientation)) }
        let bytes = try AtomicFile.read(path, maxBytes: limits.maxUncompressedBytes, option: "--max-uncompressed-bytes")
        let root = try JSONParser.parse(bytes: bytes)
        if case let .string(format)? = root["format"], format != NetworkDocument.formatName {
            return .certificate(try readCertificate(root: root, bytes: bytes, name: path, limits: limits))
        }
        return .network(try document(json: root, path: path, limits: limits, orientation: orientation))
    }

    /// Reads a network file; N and the trial length are checked against `limits` before the
    /// numbers are converted (and an archive's size before it is inflated). `orientation` overrides
    /// the file's (see `NetworkOrientation`).
    public static func read(_ path: String, limits: InputLimits = .standard, orientation: NetworkOrientation? = nil) throws -> NetworkDocument {
        let format = try format(of: path)
        // An archive holds at most its uncompressed members plus headers (1 MiB of slack), so a
        // larger file is refused unread; its members' declared sizes are checked before inflating.
        let slack = format == .npz ? 1 << 20 : 0
        let maxBytes = limits.maxUncompressedBytes.addingReportingOverflow(slack).overflow ? Int.max : limits.maxUncompressedBytes + slack
        if format == .npz {
            // read in place (mmap): the members are decoded from the mapping, with no copy of the file
            let file = try MappedFile(path: path, maxBytes: maxBytes, option: "--max-uncompressed-bytes")
            let arrays = try withExtendedLifetime(file) {  // the mapping must outlive every read through file.bytes
                try NumPyArchive.decode(file.bytes, name: path, maxUncompressedBytes: limits.maxUncompressedBytes,
                                        maxDimensions: 3, rawMembers: []).arrays
            }
            return try document(numPy: arrays, path: path, limits: limits, orientation: orientation)
        }
        let bytes = try AtomicFile.read(path, maxBytes: maxBytes, option: "--max-uncompressed-bytes")
        return try decode(bytes, format: format, name: path, limits: limits, orientation: orientation)
    }

    /// Decodes a network file's bytes in the given format (`name` is the file named in errors);
    /// the limits are checked as in `read(_:limits:orientation:)`.
    public static func decode(_ bytes: [UInt8], format: Format, name path: String,
                              limits: InputLimits = .standard, orientation: NetworkOrientation? = nil) throws -> NetworkDocument {
        switch format {
        case .json:
            return try document(json: try JSONParser.parse(bytes: bytes), path: path, limits: limits, orientation: orientation)
        case .npz:
            // 3-d members are trial data (trials, T, width); every other member is checked for <= 2-d.
            let arrays = try NumPyArchive.decode(bytes, name: path, maxUncompressedBytes: limits.maxUncompressedBytes, maxDimensions: 3)
            return try document(numPy: arrays, path: path, limits: limits, orientation: orientation)
        }
    }

    /// A network document from an archive's members after its limits are checked.
    static func document(numPy arrays: [String: NumPyArray], path: String, limits: InputLimits, orientation: NetworkOrientation?) throws -> NetworkDocument {
        // N from J, or from an nn.RNN state_dict's weight_hh_l0; the steps of inputs and targets (trials * T for 3-d).
        let recurrent = arrays["J"] ?? arrays.first { $0.key.hasSuffix("weight_hh_l0") }?.value
        func steps(_ a: NumPyArray?) -> Int { a.map { $0.shape.count == 3 ? $0.shape[0] * $0.shape[1] : $0.shape.first ?? 0 } ?? 0 }
        try limits.check(neurons: recurrent?.shape.first ?? 0, field: arrays["J"] != nil ? "J.npy" : "weight_hh_l0.npy",
                         trialSteps: max(steps(arrays["inputs"]), steps(arrays["targets"])), file: path)
        return try NetworkDocument(numPyArrays: arrays, name: path, orientation: orientation)
    }

    /// A parsed network document after its limits are checked.
    static func document(json root: JSONValue, path: String, limits: InputLimits, orientation: NetworkOrientation?) throws -> NetworkDocument {
        func rows(_ key: String) -> Int? { if case let .array(a)? = root[key] { return a.count } else { return nil } }
        // All steps of all trials: a 3-d "inputs" (trials x T x M) counts trials * T.
        func steps(_ key: String) -> Int? {
            guard case let .array(a)? = root[key] else { return nil }
            guard case let .array(first)? = a.first, case .array? = first.first else { return a.count }
            return a.reduce(0) { total, trial in if case let .array(s) = trial { total + s.count } else { total } }
        }
        try limits.check(neurons: rows("J") ?? 0, trialSteps: max(steps("inputs") ?? 0, steps("targets") ?? 0), file: path)
        try limits.checkDigits(root, file: path)
        return try NetworkDocument(jsonValue: root, orientation: orientation)
    }

    /// Reads a certificate's JSON after checking `limits` (size, claims, N, trial lengths, digits).
    public static func readCertificate(_ bytes: [UInt8], name: String, limits: InputLimits = .standard) throws -> Certificate {
        guard bytes.count <= limits.maxUncompressedBytes else {
            throw NetworkFileError.limitExceeded(file: name, message: "a file of \(bytes.count) bytes, above the limit --max-uncompressed-bytes \(limits.maxUncompressedBytes) (raise --max-uncompressed-bytes to read it)")
        }
        return try readCertificate(root: try JSONParser.parse(bytes: bytes), bytes: bytes, name: name, limits: limits)
    }

    /// The certificate of already parsed bytes: the limits on the parsed value, then the decoding.
    static func readCertificate(root: JSONValue, bytes: [UInt8], name: String, limits: InputLimits) throws -> Certificate {
        try limits.checkCertificate(root, file: name)
        return try Certificate(jsonData: Data(bytes))
    }

    /// Writes a network file atomically (the format follows the extension).
    public static func write(_ document: NetworkDocument, to path: String) throws {
        switch try format(of: path) {
        case .json: try AtomicFile.write(text: document.jsonText(), to: path)
        case .npz:
            // streamed (NumPyArchiveWriter): float64 members go straight from their values, no archive in memory
            let members = try document.numPyArrays().mapValues { array in
                array.elementType == .float64 ? NumPyArchiveWriter.Member(shape: array.shape, elements: .float64(array.values))
                                              : NumPyArchiveWriter.Member(array)
            }
            try NumPyArchiveWriter.write(members, to: path)
        }
    }
}
