/// A dense row-major matrix of Doubles (storage contiguous, `elements[i * columns + j]`).
public struct DenseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major entries, `rows * columns` of them.
    public var elements: [Double]

    /// A matrix with every entry equal to `repeating`.
    public init(rows: Int, columns: Int, repeating: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: repeating, count: rows * columns)
    }

    /// A matrix from row-major entries; throws `shapeMismatch` unless `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        guard rows >= 0, columns >= 0 else {
            throw BalancingError.shapeMismatch("matrix dimensions \(rows) x \(columns) must be non-negative")
        }
        guard elements.count == rows * columns else {
            throw BalancingError.shapeMismatch(
                "matrix of \(rows) x \(columns) needs \(rows * columns) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from row-major entries known to number rows * columns (internal fast paths).
    init(rows: Int, columns: Int, uncheckedElements elements: [Double]) {
        assert(rows >= 0 && columns >= 0 && elements.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows; throws `shapeMismatch` when the rows have different lengths.
    public init(_ rowsArray: [[Double]]) throws {
        let columns = rowsArray.first?.count ?? 0
        for (i, row) in rowsArray.enumerated() where row.count != columns {
            throw BalancingError.shapeMismatch("row \(i) has \(row.count) entries, expected \(columns) (like row 0)")
        }
        self.rows = rowsArray.count
        self.columns = columns
        self.elements = rowsArray.flatMap { $0 }
    }

    /// The n x n identity.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    /// Entry (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

    /// The transpose.
    public var transposed: DenseMatrix {
        var t = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] } }
        return t
    }

    /// Matrix-vector product (precondition: `x.count == columns`).
    public func multiplied(by x: [Double]) -> [Double] {
        precondition(x.count == columns, "vector has \(x.count) entries, matrix has \(columns) columns")
        var y = [Double](repeating: 0, count: rows)
        elements.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xv in
                for i in 0..<rows {
                    var s = 0.0
                    let base = i * columns
                    for j in 0..<columns { s += a[base + j] * xv[j] }
                    y[i] = s
                }
            }
        }
        return y
    }

    /// Throws `nonFinite(field:index:)` at the first NaN or infinity.
    public func validateFinite(field: String) throws {
        var firstBad = -1
        elements.withUnsafeBufferPointer { e in
            guard let base = e.baseAddress, !DenseKernels.allFinite(base, e.count) else { return }  // locate only on failure
            firstBad = e.firstIndex(where: { !$0.isFinite }) ?? -1
        }
        if firstBad >= 0 { throw BalancingError.nonFinite(field: field, index: firstBad) }
    }
}
