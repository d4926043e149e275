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

    /// Reads a network file.
    public static func read(_ path: String) throws -> NetworkDocument {
        let format = try format(of: path)
        let bytes = try AtomicFile.read(path)
        switch format {
        case .json: return try NetworkDocument(jsonBytes: bytes)
        case .npz: return try NetworkDocument(numPyArrays: try NumPyArchive.decode(bytes, name: path), name: path)
        }
    }

    /// Writes a network file atomically (the format follows the extension).
    public static func write(_ document: NetworkDocument, to path: String) throws {
        switch try format(of: path) {
        case .json: try AtomicFile.write(text: document.jsonText(), to: path)
        case .npz: try NumPyArchive.write(try document.numPyArrays(), to: path)
        }
    }
}
