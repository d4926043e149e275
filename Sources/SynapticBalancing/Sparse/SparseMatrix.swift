/// A sparse matrix of Doubles in compressed sparse row (CSR) form: the entries of row i are
/// `values[rowStart[i] ..< rowStart[i + 1]]` in columns `columnIndex[...]` (Int32, strictly increasing
/// within a row).
public struct SparseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row pointers, `rows + 1` of them, starting at 0, non-decreasing, ending at `values.count`.
    public var rowStart: [Int]
    /// Column of each stored entry.
    public var columnIndex: [Int32]
    /// Value of each stored entry.
    public var values: [Double]

    /// Validates the CSR structure (shapes, monotone row pointers, column range, strictly increasing
    /// columns in each row, finite values) and throws `shapeMismatch` / `nonFinite` naming the problem.
    public init(rows: Int, columns: Int, rowStart: [Int], columnIndex: [Int32], values: [Double]) throws {
        guard rows >= 0, columns >= 0, columns <= Int(Int32.max) else {
            throw BalancingError.shapeMismatch("sparse matrix dimensions \(rows) x \(columns) are out of range")
        }
        guard rowStart.count == rows + 1 else {
            throw BalancingError.shapeMismatch("rowStart has \(rowStart.count) entries, expected \(rows + 1) (rows + 1)")
        }
        guard columnIndex.count == values.count else {
            throw BalancingError.shapeMismatch("columnIndex has \(columnIndex.count) entries but values has \(values.count)")
        }
        guard rowStart[0] == 0, rowStart[rows] == values.count else {
            throw BalancingError.shapeMismatch(
                "rowStart must start at 0 and end at \(values.count) (the number of stored entries), got \(rowStart[0]) ... \(rowStart[rows])")
        }
        for i in 0..<rows {
            let lo = rowStart[i], hi = rowStart[i + 1]
            guard lo <= hi else {
                throw BalancingError.shapeMismatch("rowStart decreases at row \(i) (\(lo) > \(hi))")
            }
            var previous = -1
            for k in lo..<hi {
                let j = Int(columnIndex[k])
                guard j >= 0, j < columns else {
                    throw BalancingError.shapeMismatch("column index \(j) at entry \(k) (row \(i)) is outside 0..<\(columns)")
                }
                guard j > previous else {
                    throw BalancingError.shapeMismatch("column indices in row \(i) are not strictly increasing at entry \(k)")
                }
                previous = j
            }
        }
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw BalancingError.nonFinite(field: "values", index: k)
        }
        self.rows = rows
        self.columns = columns
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.values = values
    }

    /// Trusted initialiser for internally built, already valid structures.
    init(uncheckedRows rows: Int, columns: Int, rowStart: [Int], columnIndex: [Int32], values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.values = values
    }

    /// The nonzero entries of a dense matrix (exact zeros are not stored).
    public init(_ dense: DenseMatrix) {
        var rowStart = [Int](repeating: 0, count: dense.rows + 1)
        var columnIndex: [Int32] = []
        var values: [Double] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns {
                let v = dense.elements[i * dense.columns + j]
                if v != 0 {
                    columnIndex.append(Int32(j))
                    values.append(v)
                }
            }
            rowStart[i + 1] = values.count
        }
        self.init(uncheckedRows: dense.rows, columns: dense.columns, rowStart: rowStart,
                  columnIndex: columnIndex, values: values)
    }

    /// The transpose, in CSR (a counting sort by column, O(N + nnz); the rows of the result come out
    /// with increasing columns because the rows of `self` are visited in order).
    public var transposed: SparseMatrix {
        var start = [Int](repeating: 0, count: columns + 1)
        for j in columnIndex { start[Int(j) + 1] += 1 }
        for j in 0..<columns { start[j + 1] += start[j] }
        var next = start
        var index = [Int32](repeating: 0, count: values.count)
        var transposedValues = [Double](repeating: 0, count: values.count)
        for i in 0..<rows {
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(columnIndex[k])
                index[next[j]] = Int32(truncatingIfNeeded: i)
                transposedValues[next[j]] = values[k]
                next[j] += 1
            }
        }
        return SparseMatrix(uncheckedRows: columns, columns: rows, rowStart: start, columnIndex: index, values: transposedValues)
    }

    /// Number of stored entries.
    public var nonzeroCount: Int { values.count }

    /// The dense form.
    public var dense: DenseMatrix {
        var m = DenseMatrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for k in rowStart[i]..<rowStart[i + 1] { m.elements[i * columns + Int(columnIndex[k])] = values[k] }
        }
        return m
    }

    /// Entry (i, j) (binary search in row i; 0 if not stored).
    public subscript(i: Int, j: Int) -> Double {
        var lo = rowStart[i], hi = rowStart[i + 1]
        let target = Int32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndex[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowStart[i + 1] && columnIndex[lo] == target ? values[lo] : 0
    }
}
