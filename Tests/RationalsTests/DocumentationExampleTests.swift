import Rationals
import Testing

/// The worked example of the DocC article "Exact arithmetic" (Rationals.docc), run as written.
@Suite struct DocumentationExampleTests {
    @Test func exactArithmetic() throws {
        let x = Rational("-3/7")! + Rational("0.125")!
        #expect(x == Rational(-17, 56))
        let y = try Rational(exactly: 0.1)
        #expect(y.description == "3602879701896397/36028797018963968")
        #expect(y.doubleValue == 0.1)
        let a = try Matrix<Rational>([[1, 2], [3, 4]])
        #expect(a.characteristicPolynomial == [Rational(-2), Rational(-5), Rational(1)])
        #expect(Rational("1/0") == nil && Rational("abc") == nil)
    }

    /// The worked example of Matrices.docc, run as written.
    @Test func matrices() throws {
        let j = try Matrix<Double>([[0, 2], [0.5, 0]])
        let similar = j.diagonalSimilarity([1.0, 2.0])
        #expect(similar[0, 1] == 4 && similar[1, 0] == 0.25)
        #expect(Matrix.commutator(j, j) == Matrix(rows: 2, columns: 2))
        #expect(throws: MatrixShapeError.self) { try Matrix<Double>([[1, 2], [3]]) }
    }
}
