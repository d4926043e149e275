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

    /// Reads a network file; N and the trial length are checked against `limits` before the
    /// numbers are converted (and an archive's size before it is inflated).
    public static func read(_ path: String, limits: InputLimits = .standard) throws -> NetworkDocument {
        let format = try format(of: path)
        return try decode(try AtomicFile.read(path), format: format, name: path, limits: limits)
    }

    /// Decodes a network file's bytes in the given format (`name` is the file named in errors);
    /// the limits are checked as in `read(_:limits:)`.
    public static func decode(_ bytes: [UInt8], format: Format, name path: String,
                              limits: InputLimits = .standard) throws -> NetworkDocument {
        switch format {
        case .json:
            let root = try JSONParser.parse(bytes: bytes)
            func rows(_ key: String) -> Int? { if case let .array(a)? = root[key] { return a.count } else { return nil } }
            try limits.check(neurons: rows("J") ?? 0, trialSteps: rows("inputs"), file: path)
            try limits.checkDigits(root, file: path)
            return try NetworkDocument(jsonValue: root)
        case .npz:
            let arrays = try NumPyArchive.decode(bytes, name: path, maxUncompressedBytes: limits.maxUncompressedBytes)
            try limits.check(neurons: arrays["J"]?.shape.first ?? 0, field: "J.npy", trialSteps: arrays["inputs"]?.shape.first, file: path)
            return try NetworkDocument(numPyArrays: arrays, name: path)
        }
    }

    /// Reads a certificate's JSON after checking `limits` (claims, N, trial lengths, digits).
    public static func readCertificate(_ bytes: [UInt8], name: String, limits: InputLimits = .standard) throws -> Certificate {
        try limits.checkCertificate(try JSONParser.parse(bytes: bytes), file: name)
        return try Certificate(jsonData: Data(bytes))
    }

    /// Writes a network file atomically (the format follows the extension).
    public static func write(_ document: NetworkDocument, to path: String) throws {
        switch try format(of: path) {
        case .json: try AtomicFile.write(text: document.jsonText(), to: path)
        case .npz: try NumPyArchive.write(try document.numPyArrays(), to: path)
        }
    }
}
