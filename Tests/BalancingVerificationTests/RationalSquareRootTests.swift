@testable import BalancingVerification
import Rationals
import Testing

@Suite("Rational square-root bounds")
struct RationalSquareRootTests {
    @Test("lower^2 <= x <= upper^2 with width 1 / (q 2^k)",
          arguments: [Rational(2), Rational(1, 3), Rational(16), Rational(0), Rational(7, 5), Rational(123_456_789, 1024)], [0, 10, 64])
    func bounds(x: Rational, bits: Int) {
        let (lower, upper) = RationalSquareRoot.bounds(of: x, fractionBits: bits)
        #expect(lower * lower <= x)
        #expect(x <= upper * upper)
        #expect(lower.signum >= 0)
        if lower != upper {
            #expect(upper - lower == Rational(1) / (Rational(x.denominator) * Rational(1).multipliedByPowerOfTwo(bits)))
        } else {
            #expect(lower * lower == x)
        }
    }

    @Test("grid rounding is to the nearest multiple of 2^-B")
    func gridRounding() {
        #expect(roundToGrid(Rational(1, 3), bits: 2) == Rational(1, 4))
        #expect(roundToGrid(Rational(3, 8), bits: 2) == Rational(1, 2))   // tie rounds up
        #expect(roundToGrid(Rational(-1, 3), bits: 2) == Rational(-1, 4))
        let x = Rational(22, 7)
        #expect((roundToGrid(x, bits: 200) - x).magnitude <= Rational(1).multipliedByPowerOfTwo(-201))
    }
}
