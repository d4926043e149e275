import RealModule

extension Matrix {
    /// Matrix product AB; precondition a.columns == b.rows.
    @inlinable
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Matrix product of \(a.rows) x \(a.columns) and \(b.rows) x \(b.columns)")
        var result = Matrix(rows: a.rows, columns: b.columns, repeating: 0)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a.elements[i * a.columns + k]
                if aik == 0 { continue }
                for j in 0..<b.columns {
                    result.elements[i * b.columns + j] += aik * b.elements[k * b.columns + j]
                }
            }
        }
        return result
    }

    /// Matrix-vector product Ax; precondition a.columns == x.count.
    @inlinable
    public static func * (a: Matrix, x: [Scalar]) -> [Scalar] {
        precondition(a.columns == x.count, "Matrix-vector product of \(a.rows) x \(a.columns) and \(x.count)")
        var result = [Scalar]()
        result.reserveCapacity(a.rows)
        for i in 0..<a.rows {
            var sum: Scalar = 0
            for j in 0..<a.columns { sum += a.elements[i * a.columns + j] * x[j] }
            result.append(sum)
        }
        return result
    }

    /// Entrywise sum; precondition equal shapes.
    @inlinable
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix sum of different shapes")
        return Matrix(rows: a.rows, columns: a.columns, uncheckedElements: zip(a.elements, b.elements).map { $0 + $1 })
    }

    /// Entrywise difference; precondition equal shapes.
    @inlinable
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix difference of different shapes")
        return Matrix(rows: a.rows, columns: a.columns, uncheckedElements: zip(a.elements, b.elements).map { $0 - $1 })
    }

    /// Negation.
    @inlinable
    public static prefix func - (a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, uncheckedElements: a.elements.map { -$0 })
    }

    /// Scalar multiple sA.
    @inlinable
    public static func * (s: Scalar, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, uncheckedElements: a.elements.map { s * $0 })
    }

    /// Commutator [A, B] = AB - BA; precondition both square of the same size.
    @inlinable
    public static func commutator(_ a: Matrix, _ b: Matrix) -> Matrix {
        a * b - b * a
    }

    /// A^k by repeated squaring; precondition square and k >= 0 (A^0 = I).
    @inlinable
    public func power(_ k: Int) -> Matrix {
        precondition(isSquare, "Matrix.power of a non-square matrix")
        precondition(k >= 0, "Matrix.power: negative exponent \(k)")
        var result = Matrix.identity(rows)
        var base = self
        var e = k
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }
}
