import RealModule

/// A dense row-major matrix over any field: `Rational` for exact work, `Double` for tests and
/// comparisons. Entry (i, j) is `elements[i * columns + j]`.
public struct Matrix<Scalar: AlgebraicField>: Equatable, Sendable where Scalar: Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in row-major order; count rows * columns.
    public var elements: [Scalar]

    /// A rows x columns matrix with every entry equal to `repeating`.
    @inlinable
    public init(rows: Int, columns: Int, repeating: Scalar) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: repeating, count: rows * columns)
    }

    /// A rows x columns matrix from row-major entries; precondition count == rows * columns.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        precondition(elements.count == rows * columns,
                     "Matrix: \(elements.count) elements for a \(rows) x \(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows; precondition all rows have the same length.
    @inlinable
    public init(_ rowsArray: [[Scalar]]) {
        let columns = rowsArray.first?.count ?? 0
        precondition(rowsArray.allSatisfy { $0.count == columns }, "Matrix: rows of different lengths")
        self.init(rows: rowsArray.count, columns: columns, elements: rowsArray.flatMap { $0 })
    }

    /// The n x n identity.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        diagonal(Array(repeating: 1, count: n))
    }

    /// The square matrix with `d` on the diagonal and zeros elsewhere.
    @inlinable
    public static func diagonal(_ d: [Scalar]) -> Matrix {
        var m = Matrix(rows: d.count, columns: d.count, repeating: 0)
        for i in d.indices { m[i, i] = d[i] }
        return m
    }

    /// Entry (i, j).
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range")
            return elements[i * columns + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range")
            elements[i * columns + j] = newValue
        }
    }

    /// Row i as an array.
    @inlinable
    public func row(_ i: Int) -> [Scalar] {
        precondition(i >= 0 && i < rows, "Matrix row \(i) out of range")
        return Array(elements[(i * columns)..<((i + 1) * columns)])
    }

    /// Column j as an array.
    @inlinable
    public func column(_ j: Int) -> [Scalar] {
        precondition(j >= 0 && j < columns, "Matrix column \(j) out of range")
        return (0..<rows).map { elements[$0 * columns + j] }
    }

    /// Whether rows == columns.
    @inlinable
    public var isSquare: Bool { rows == columns }

    /// The transpose A^T.
    @inlinable
    public var transposed: Matrix {
        var elements = [Scalar]()
        elements.reserveCapacity(rows * columns)
        for j in 0..<columns {
            for i in 0..<rows { elements.append(self.elements[i * columns + j]) }
        }
        return Matrix(rows: columns, columns: rows, elements: elements)
    }

    /// tr A = sum_i a_ii; precondition square.
    @inlinable
    public var trace: Scalar {
        precondition(isSquare, "Matrix.trace of a non-square \(rows) x \(columns) matrix")
        var sum: Scalar = 0
        for i in 0..<rows { sum += elements[i * columns + i] }
        return sum
    }

    /// D^-1 A D for D = diag(d): entry (i, j) becomes a_ij * d_j / d_i.
    /// Precondition: square, d.count == rows, all d_i != 0.
    @inlinable
    public func diagonalSimilarity(_ d: [Scalar]) -> Matrix {
        precondition(isSquare && d.count == rows,
                     "Matrix.diagonalSimilarity: \(d.count) scales for a \(rows) x \(columns) matrix")
        let inverses = d.map { (x: Scalar) -> Scalar in
            guard let r = x.reciprocal else { preconditionFailure("Matrix.diagonalSimilarity: zero scale") }
            return r
        }
        var result = self
        for i in 0..<rows {
            for j in 0..<columns {
                result.elements[i * columns + j] = elements[i * columns + j] * d[j] * inverses[i]
            }
        }
        return result
    }
}
