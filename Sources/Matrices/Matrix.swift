import RealModule

/// A dense row-major matrix over any field: `Rational` for exact work, `Double` for the floating-point
/// solvers (`DenseMatrix` in SynapticBalancing). Entry (i, j) is `elements[i * columns + j]`, so kernels
/// can work on the contiguous `elements` array directly.
public struct Matrix<Scalar: AlgebraicField>: Equatable, Sendable where Scalar: Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in row-major order; count rows * columns.
    public var elements: [Scalar]

    /// A rows x columns matrix with every entry equal to `repeating` (zero by default).
    /// - Parameters:
    ///   - rows: Number of rows, non-negative.
    ///   - columns: Number of columns, non-negative.
    ///   - repeating: The value of every entry.
    @inlinable
    public init(rows: Int, columns: Int, repeating: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: repeating, count: rows * columns)
    }

    /// A rows x columns matrix from row-major entries.
    /// - Parameters:
    ///   - rows: Number of rows.
    ///   - columns: Number of columns.
    ///   - elements: The entries, row after row; `elements[i * columns + j]` is entry (i, j).
    /// - Throws: `MatrixShapeError` when a dimension is negative or `elements.count != rows * columns`.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) throws {
        guard rows >= 0, columns >= 0 else {
            throw MatrixShapeError("matrix dimensions \(rows) x \(columns) must be non-negative")
        }
        guard elements.count == rows * columns else {
            throw MatrixShapeError(
                "matrix of \(rows) x \(columns) needs \(rows * columns) elements, got \(elements.count)")
        }
        self.init(rows: rows, columns: columns, uncheckedElements: elements)
    }

    /// A matrix from row-major entries the caller knows to number rows * columns (fast paths of this
    /// package; checked only in debug builds).
    @inlinable
    public init(rows: Int, columns: Int, uncheckedElements elements: [Scalar]) {
        assert(rows >= 0 && columns >= 0 && elements.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows (no rows gives the 0 x 0 matrix).
    /// - Parameter rowsArray: The rows, all of the same length.
    /// - Throws: `MatrixShapeError` naming the first row whose length differs from row 0's.
    @inlinable
    public init(_ rowsArray: [[Scalar]]) throws {
        let columns = rowsArray.first?.count ?? 0
        for (i, row) in rowsArray.enumerated() where row.count != columns {
            throw MatrixShapeError("row \(i) has \(row.count) entries, expected \(columns) (like row 0)")
        }
        self.init(rows: rowsArray.count, columns: columns, uncheckedElements: rowsArray.flatMap { $0 })
    }

    /// The same shape with every entry mapped, e.g. `Matrix<Rational>` to `Matrix<Double>`.
    /// - Parameter transform: Applied to each entry in row-major order.
    /// - Returns: The matrix of `transform(a_ij)`.
    /// - Throws: Whatever `transform` throws.
    @inlinable
    public func map<Other>(_ transform: (Scalar) throws -> Other) rethrows -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, uncheckedElements: try elements.map(transform))
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
        return Matrix(rows: columns, columns: rows, uncheckedElements: elements)
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

/// A matrix whose shape does not fit its entries, e.g. "row 2 has 3 entries, expected 4 (like row 0)".
public struct MatrixShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What disagrees, with the shapes involved.
    public let message: String

    /// An error with the given message.
    /// - Parameter message: What disagrees, naming the shapes or the row.
    @inlinable
    public init(_ message: String) { self.message = message }

    /// "shape mismatch: " and the message.
    public var description: String { "shape mismatch: \(message)" }
}
