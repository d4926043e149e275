import Rationals

/// Rational bounds on sqrt(x) for a rational x = a / b >= 0, from integer square roots:
/// sqrt(a / b) = sqrt(a b) / b, and with s = floor(sqrt(a b 4^k)),
/// s / (b 2^k) <= sqrt(x) <= (s + 1) / (b 2^k) (equality on the left when a b 4^k is a square).
/// The bracket has width 1 / (b 2^k).
enum RationalSquareRoot {
    static func bounds(of x: Rational, fractionBits k: Int) -> (lower: Rational, upper: Rational) {
        precondition(x.signum >= 0 && k >= 0)
        let a = x.numerator, b = x.denominator
        let scaled = (a * b).shiftedLeft(2 * k)
        let s = scaled.squareRootFloor()
        let scale = b.shiftedLeft(k)
        let lower = try! Rational(numerator: s, denominator: scale)
        if s * s == scaled { return (lower, lower) }
        return (lower, try! Rational(numerator: s + 1, denominator: scale))
    }
}
