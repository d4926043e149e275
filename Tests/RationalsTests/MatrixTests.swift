import Foundation
import RealModule
import Testing
@testable import Rationals
import TestSupport

@Suite struct MatrixTests {
    private func randomMatrix(_ n: Int, _ m: Int, _ g: inout SplitMix64) -> Matrix<Rational> {
        Matrix(rows: n, columns: m, uncheckedElements: (0..<(n * m)).map { _ in g.smallRational() })
    }

    /// Evaluates sum_k c_k A^k (Horner).
    private func evaluate(_ c: [Rational], at a: Matrix<Rational>) -> Matrix<Rational> {
        var result = Matrix<Rational>(rows: a.rows, columns: a.columns, repeating: 0)
        for coefficient in c.reversed() {
            result = result * a + coefficient * Matrix.identity(a.rows)
        }
        return result
    }

    /// Laplace expansion along the first row: an independent determinant.
    private func laplaceDeterminant(_ a: Matrix<Rational>) -> Rational {
        let n = a.rows
        if n == 0 { return 1 }
        var det: Rational = 0
        for j in 0..<n {
            var minor = [[Rational]]()
            for i in 1..<n { minor.append((0..<n).filter { $0 != j }.map { a[i, $0] }) }
            let term = a[0, j] * laplaceDeterminant(n == 1 ? Matrix(rows: 0, columns: 0) : try! Matrix(minor))  // the minors are rectangular by construction
            det += j % 2 == 0 ? term : -term
        }
        return det
    }

    @Test func handComputedValues() throws {
        let a = try Matrix<Rational>([[1, 2], [3, 4]])
        #expect(a.characteristicPolynomial == [-2, -5, 1])  // t^2 - 5t - 2
        #expect(a.determinant == -2)
        #expect(a.trace == 5)
        #expect(try a.transposed == Matrix([[1, 3], [2, 4]]))
        #expect(try a * a == Matrix([[7, 10], [15, 22]]))
        #expect(a * [1, 1] == [3, 7])
        #expect(a.power(3) == a * a * a)
        #expect(a.power(0) == .identity(2))
        let b = try Matrix<Rational>([[0, 1], [1, 0]])
        #expect(b.determinant == -1)  // needs a row swap
        #expect(Matrix.commutator(a, b) == a * b - b * a)
        #expect(try Matrix.commutator(a, b) == Matrix([[-1, -3], [3, 1]]))
        let c = try Matrix<Rational>([[2, 0, 0], [0, 3, 4], [0, 4, 9]])
        #expect(c.characteristicPolynomial == [-22, 35, -14, 1])  // (t-2)(t^2-12t+11) = t^3-14t^2+35t-22
        #expect(try Matrix<Rational>(rows: 0, columns: 0, elements: []).characteristicPolynomial == [1])
        #expect(try Matrix<Rational>([[0, 0], [0, 0]]).determinant == 0)
        let d = a.diagonalSimilarity([1, 2])
        #expect(try d == Matrix([[1, 4], [Rational(3, 2), 4]]))  // a_ij d_j / d_i
        #expect(a.row(1) == [3, 4] && a.column(1) == [2, 4])
        #expect(try Matrix<Rational>.diagonal([1, 2]) * a == Matrix([[1, 2], [6, 8]]))
    }

    @Test func charpolyOfProductsCommute() throws {
        var g = SplitMix64(seed: 40)
        for _ in 0..<propertyCount(40) {
            let n = Int.random(in: 1...5, using: &g), m = Int.random(in: 1...5, using: &g)
            let a = randomMatrix(n, n, &g), b = randomMatrix(n, n, &g)
            #expect((a * b).characteristicPolynomial == (b * a).characteristicPolynomial)
            // Rectangular: det(tI - AB) t^(m) = det(tI - BA) t^(n) for A n x m, B m x n.
            let r = randomMatrix(n, m, &g), s = randomMatrix(m, n, &g)
            let pab = (r * s).characteristicPolynomial, pba = (s * r).characteristicPolynomial
            #expect(Array(repeating: 0, count: m) + pab == Array(repeating: 0, count: n) + pba)
        }
    }

    @Test func determinantAndCayleyHamilton() throws {
        var g = SplitMix64(seed: 41)
        for _ in 0..<propertyCount(40) {
            let n = Int.random(in: 1...5, using: &g)
            var a = randomMatrix(n, n, &g)
            if Bool.random(using: &g) { a[0, 0] = 0 }  // exercise pivoting
            let p = a.characteristicPolynomial
            #expect(p.count == n + 1 && p[n] == 1)
            #expect(a.determinant == (n % 2 == 0 ? p[0] : -p[0]))  // det A = (-1)^n c_0
            #expect(p[n - 1] == -a.trace)
            #expect(a.determinant == laplaceDeterminant(a))
            // The unscaled algorithms (used as is for non-Rational fields) agree with the
            // integer-scaled ones used for Rational.
            #expect(a.berkowitzCharacteristicPolynomial == p)
            #expect(a.bareissDeterminant == a.determinant)
            #expect(evaluate(p, at: a) == Matrix(rows: n, columns: n, repeating: 0))
            let b = randomMatrix(n, n, &g)
            #expect((a * b).determinant == a.determinant * b.determinant)
        }
        // Singular: repeated row.
        let s = try Matrix<Rational>([[1, 2, 3], [4, 5, 6], [1, 2, 3]])
        #expect(s.determinant == 0 && s.characteristicPolynomial[0] == 0)
    }

    @Test func diagonalSimilarityPreservesInvariants() throws {
        var g = SplitMix64(seed: 42)
        for _ in 0..<propertyCount(40) {
            let n = Int.random(in: 1...5, using: &g)
            let a = randomMatrix(n, n, &g)
            let d = (0..<n).map { _ in Rational(Int.random(in: 1...9, using: &g), Int.random(in: 1...9, using: &g)) }
            let similar = a.diagonalSimilarity(d)
            #expect(similar.characteristicPolynomial == a.characteristicPolynomial)
            let dm = Matrix.diagonal(d), dinv = Matrix.diagonal(d.map { $0.reciprocal! })
            #expect(similar == dinv * a * dm)
            #expect(similar.diagonalSimilarity(d.map { $0.reciprocal! }) == a)
        }
    }

    @Test func runsOnDouble() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4]])
        let p = a.characteristicPolynomial
        #expect(p == [-2, -5, 1])
        #expect(abs(a.determinant + 2) < 1e-12)
        var g = SplitMix64(seed: 43)
        let exact = randomMatrix(4, 4, &g)
        let float = try Matrix<Double>(rows: 4, columns: 4, elements: exact.elements.map(\.doubleValue))
        for (x, y) in zip(float.characteristicPolynomial, exact.characteristicPolynomial) {
            #expect(abs(x - y.doubleValue) <= 1e-9 * max(1, abs(y.doubleValue)))
        }
        #expect(abs(float.determinant - exact.determinant.doubleValue) <= 1e-9 * max(1, abs(exact.determinant.doubleValue)))
    }
}

@Suite struct MatrixDescriptionTests {
    @Test func description() throws {
        #expect(try Matrix<Rational>([[1, Rational(-1, 2)], [3, 4]]).description == "[[1, -1/2], [3, 4]]")
    }
}

/// The one generic Matrix: the same entries over Rational and Double, and shape errors naming the row.
@Suite struct GenericMatrixTests {
    @Test func mapFromRationalToDoubleKeepsShapeAndValues() throws {
        let exact = try Matrix<Rational>([[1, Rational(-1, 2), 3], [Rational(1, 4), 0, -5]])
        let float = exact.map(\.doubleValue)
        #expect(float == (try Matrix<Double>([[1, -0.5, 3], [0.25, 0, -5]])))
        #expect(float.rows == 2 && float.columns == 3)
        // The same integer arithmetic in both fields: (A A^T) agrees entry by entry.
        #expect((exact * exact.transposed).map(\.doubleValue) == float * float.transposed)
        #expect(try float.map { try Rational(exactly: $0) } == exact)
    }

    @Test func shapesAreCheckedWithErrorsNamingTheMismatch() {
        #expect(throws: MatrixShapeError("matrix of 2 x 3 needs 6 elements, got 5")) {
            try Matrix<Rational>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5])
        }
        #expect(throws: MatrixShapeError("row 2 has 1 entries, expected 2 (like row 0)")) {
            try Matrix<Double>([[1, 2], [3, 4], [5]])
        }
        #expect(throws: MatrixShapeError("matrix dimensions -1 x 2 must be non-negative")) {
            try Matrix<Double>(rows: -1, columns: 2, elements: [])
        }
    }
}
