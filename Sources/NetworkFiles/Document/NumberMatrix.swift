import Rationals

/// A matrix of numbers read from a network file, kept as the file gave them: exact rationals
/// (JSON numbers and `"p/q"` strings) or doubles (NumPy arrays, float networks).
///
/// Exact values convert to `Double` with correct rounding; doubles convert to rationals exactly
/// (every finite double is a dyadic rational). Row-major; a vector is an `n x 1` matrix.
public struct NumberMatrix: Sendable, Equatable {
    /// Element storage.
    public enum Storage: Sendable, Equatable {
        case exact([Rational])
        case double([Double])
    }

    public let rows: Int
    public let columns: Int
    public var storage: Storage

    /// A matrix of exact values; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, exact values: [Rational]) {
        precondition(values.count == rows * columns, "NumberMatrix: \(values.count) values for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = .exact(values)
    }

    /// A matrix of doubles; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, double values: [Double]) {
        precondition(values.count == rows * columns, "NumberMatrix: \(values.count) values for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = .double(values)
    }

    /// The transpose (columns x rows).
    public func transposed() -> NumberMatrix {
        func transpose<T>(_ v: [T]) -> [T] {
            var out = v
            for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = v[i * columns + j] } }
            return out
        }
        switch storage {
        case let .exact(v): return NumberMatrix(rows: columns, columns: rows, exact: transpose(v))
        case let .double(v): return NumberMatrix(rows: columns, columns: rows, double: transpose(v))
        }
    }

    /// Number of elements.
    public var count: Int { rows * columns }

    /// Whether the values are exact rationals (as opposed to doubles).
    public var isExact: Bool { if case .exact = storage { return true } else { return false } }

    /// The elements as doubles (exact values correctly rounded).
    public var doubleValues: [Double] {
        switch storage {
        case let .double(v): return v
        case let .exact(v): return v.map(\.doubleValue)
        }
    }

    /// The elements as exact rationals. Throws for NaN or infinite doubles, naming `field` and the
    /// position of the first such element.
    public func exactValues(field: String, asVector: Bool? = nil) throws -> [Rational] {
        switch storage {
        case let .exact(v): return v
        case let .double(v):
            var out: [Rational] = []
            out.reserveCapacity(v.count)
            for (k, x) in v.enumerated() {
                guard x.isFinite else {
                    throw NetworkFileError.invalidField(field: position(field: field, flatIndex: k, asVector: asVector), message: "\(x) has no exact value")
                }
                out.append(try Rational(exactly: x))
            }
            return out
        }
    }

    /// `field[i][j]` (or `field[i]` for a vector) of a flat index, for messages. `asVector`
    /// defaults to "one column".
    public func position(field: String, flatIndex k: Int, asVector: Bool? = nil) -> String {
        (asVector ?? (columns == 1)) ? "\(field)[\(k)]" : "\(field)[\(k / max(columns, 1))][\(k % max(columns, 1))]"
    }

    /// Throws if any double element is NaN or infinite, naming the first.
    public func requireFinite(field: String, asVector: Bool? = nil) throws {
        if case let .double(v) = storage, let k = v.firstIndex(where: { !$0.isFinite }) {
            throw NetworkFileError.invalidField(field: position(field: field, flatIndex: k, asVector: asVector), message: "\(v[k]) is not a finite number")
        }
        if case let .exact(v) = storage, let k = v.firstIndex(where: { !$0.doubleValue.isFinite }) {
            throw NetworkFileError.invalidField(field: position(field: field, flatIndex: k, asVector: asVector), message: "\(messageText(v[k])) is too large for a double")
        }
    }
}

/// A rational as text for an error message: in full when short, else its first and last characters
/// and its length (a value such as "1e999999" has a million digits).
func messageText(_ r: Rational) -> String {
    let text = r.description
    guard text.count > 60 else { return text }
    return "\(text.prefix(24))...\(text.suffix(12)) (\(text.count) characters)"
}
