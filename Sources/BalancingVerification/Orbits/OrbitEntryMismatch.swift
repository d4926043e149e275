/// One entry where network B is not the transform of network A: the matrix, the index and the values.
public struct OrbitEntryMismatch: Sendable, Equatable, Codable {
    /// "J", "W_in", "W_out", "b", "dt/tau" or "nonlinearity".
    public var matrix: String
    /// Row of the entry (the entry's index for b; 0 for scalars).
    public var row: Int
    /// Column of the entry (0 for b and scalars).
    public var column: Int
    /// The entry of A, exactly ("p/q").
    public var valueA: String
    /// The entry of B, exactly ("p/q").
    public var valueB: String
    /// The entry of T_d(A) that B should have, exactly; nil for a sign or pattern failure.
    public var expected: String?
    /// Why the entry breaks the transform, e.g. "sign differs" or "B differs from D^-1 J_A D".
    public var reason: String

    /// The entry as text, e.g. "J[0,1]" (or "b[2]", "dt/tau").
    public var entryName: String {
        switch matrix {
        case "b": "b[\(row)]"
        case "dt/tau", "nonlinearity": matrix
        default: "\(matrix)[\(row),\(column)]"
        }
    }
}
