import BalancingVerification

extension RecordedPath {
    /// Members a recorded-path `.npz` may hold: `t` (T), and `J` (T x N x N), `h` or `d` (T x N), and
    /// optionally `cost` (T), as `np.savez(path, t=sol.t, J=..., h=...)` writes them.
    public static let numPyMembers: [String] = ["t", "J", "h", "d", "cost"]

    /// Reads a recorded path from the arrays of an `.npz` archive; shapes and values are checked by
    /// `points(neuronCount:)`.
    /// - Throws: `NetworkFileError.invalidField` for an unknown or text member, `missingField` without `t`.
    public init(numPyArrays arrays: [String: NumPyArray], name: String = "path") throws {
        try NumPyArchive.refuseUnknownMembers(of: arrays, known: Self.numPyMembers, archive: name, what: " of a recorded path")
        func member(_ key: String) throws -> Member? {
            guard let a = arrays[key] else { return nil }
            guard !a.isText else { throw NetworkFileError.invalidField(field: "\(name):\(key).npy", message: "expected numbers, got text") }
            return Member(name: key, shape: a.shape, values: a.values)
        }
        guard let t = try member("t") else { throw NetworkFileError.missingField("t (t.npy in \(name): the times of the snapshots)") }
        self.init(times: t, weights: try member("J"), logScales: try member("h"), scales: try member("d"), costs: try member("cost"))
    }

    /// Reads a recorded-path `.npz` file (members up to 3-d).
    public static func read(_ path: String, limits: InputLimits = .standard) throws -> RecordedPath {
        let arrays = try NumPyArchive.decode(try AtomicFile.read(path), name: path, maxUncompressedBytes: limits.maxUncompressedBytes, maxDimensions: 3)
        return try RecordedPath(numPyArrays: arrays, name: path)
    }
}
