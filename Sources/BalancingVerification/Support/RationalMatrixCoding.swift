import Rationals

/// JSON form of an exact matrix: {"rows": r, "columns": c, "values": [["p/q", ...], ...]}.
/// The shape is explicit so that N x 0 and 0 x N matrices survive a round trip.
struct RationalMatrixCoding: Codable {
    var rows: Int
    var columns: Int
    var values: [[Rational]]

    init(_ matrix: Matrix<Rational>) {
        rows = matrix.rows
        columns = matrix.columns
        values = (0..<matrix.rows).map { matrix.row($0) }
    }

    /// The matrix, after checking that the rows agree with the stated shape.
    func matrix(field: String) throws -> Matrix<Rational> {
        guard rows >= 0, columns >= 0, values.count == rows else {
            throw VerificationError.shapeMismatch("\(field) states \(rows) rows but holds \(values.count)")
        }
        if let bad = values.firstIndex(where: { $0.count != columns }) {
            throw VerificationError.shapeMismatch("\(field) row \(bad) has \(values[bad].count) entries, expected \(columns)")
        }
        return Matrix(rows: rows, columns: columns, uncheckedElements: values.flatMap { $0 })
    }
}

extension KeyedDecodingContainer {
    /// Decodes an exact matrix stored as `RationalMatrixCoding`, naming the field on a shape error.
    func decodeRationalMatrix(forKey key: Key) throws -> Matrix<Rational> {
        try decode(RationalMatrixCoding.self, forKey: key).matrix(field: key.stringValue)
    }

    func decodeRationalMatrixIfPresent(forKey key: Key) throws -> Matrix<Rational>? {
        try decodeIfPresent(RationalMatrixCoding.self, forKey: key)?.matrix(field: key.stringValue)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeRationalMatrix(_ matrix: Matrix<Rational>, forKey key: Key) throws {
        try encode(RationalMatrixCoding(matrix), forKey: key)
    }

    mutating func encodeRationalMatrixIfPresent(_ matrix: Matrix<Rational>?, forKey key: Key) throws {
        if let matrix { try encode(RationalMatrixCoding(matrix), forKey: key) }
    }
}
