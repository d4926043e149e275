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
}
