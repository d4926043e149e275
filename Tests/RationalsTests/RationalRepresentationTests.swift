import Testing
@testable import Rationals
import TestSupport

/// The inline (machine-word) fast paths must agree with GMP on every input, in particular near
/// the overflow boundary where they hand over to GMP.
@Suite struct RationalRepresentationTests {
    /// Boundary-heavy random words: ±Int.max, Int.min, powers of two, small and random values.
    private func word(_ g: inout SplitMix64) -> Int {
        switch Int.random(in: 0..<8, using: &g) {
        case 0: return [Int.max, -Int.max, Int.min, Int.max - 1, 1 << 62, -(1 << 62), 3_037_000_499, -3_037_000_500]
            .randomElement(using: &g)!
        case 1: return Int.random(in: -3...3, using: &g)
        case 2: return Int.random(in: -1000...1000, using: &g)
        case 3: return Int(truncatingIfNeeded: g.next() >> UInt64.random(in: 0...63, using: &g))
        default: return Int(truncatingIfNeeded: g.next())
        }
    }

    private func randomRational(_ g: inout SplitMix64) -> Rational {
        var d = word(&g)
        if d == 0 { d = 1 }
        return Rational(word(&g), d)
    }

    /// Reference: the same operation done on numerators and denominators as big integers and
    /// canonicalised by GMP.
    private func reference(_ a: Rational, _ b: Rational, _ op: Character) -> Rational {
        let (p, q, r, s) = (a.numerator, a.denominator, b.numerator, b.denominator)
        switch op {
        case "+": return try! Rational(numerator: p * s + r * q, denominator: q * s)
        case "-": return try! Rational(numerator: p * s - r * q, denominator: q * s)
        case "*": return try! Rational(numerator: p * r, denominator: q * s)
        default: return try! Rational(numerator: p * s, denominator: q * r)
        }
    }

    @Test func fastPathsAgreeWithGMP() {
        var g = SplitMix64(seed: 50)
        for _ in 0..<propertyCount(3000) {
            let a = randomRational(&g), b = randomRational(&g)
            #expect(a + b == reference(a, b, "+"), "\(a) + \(b)")
            #expect(a - b == reference(a, b, "-"), "\(a) - \(b)")
            #expect(a * b == reference(a, b, "*"), "\(a) * \(b)")
            if !b.isZero { #expect(a / b == reference(a, b, "/"), "\(a) / \(b)") }
            let difference = reference(a, b, "-")
            #expect((a < b) == (difference.signum < 0), "\(a) < \(b)")
            #expect((a == b) == difference.isZero)
            #expect(-(-a) == a && (-a).signum == -a.signum)
            var x = a
            x += b
            #expect(x == reference(a, b, "+"))
            x = a
            x *= b
            #expect(x == reference(a, b, "*"))
        }
    }

    @Test func canonicalRepresentation() {
        // A GMP result that fits in machine words is stored inline, so equal values are equal
        // and hash equally however they were computed.
        let big = Rational(BigInteger(2).power(100))
        let back = (big + 5) - big
        #expect(back == 5)
        #expect(back.hashValue == Rational(5).hashValue)
        #expect(Set([back, Rational(5), Rational(10, 2)]).count == 1)
        let minInt = Rational(Int.min)
        #expect(minInt.description == "\(Int.min)")
        #expect(-minInt == Rational(BigInteger(2).power(63)))
        #expect(-(-minInt) == minInt)
        #expect(Rational(Int.min, Int.min) == 1)
        #expect(Rational(1, Int.min) == Rational(-1).multipliedByPowerOfTwo(-63))
        #expect(Rational(Int.max) + 1 == Rational(BigInteger(2).power(63)))
        #expect((Rational(Int.max) + 1 - 1).hashValue == Rational(Int.max).hashValue)
        var m = minInt
        m.negate()
        #expect(m == Rational(BigInteger(Int.max) + 1) && minInt == Rational(Int.min))
        var x = Rational(BigInteger(3).power(50))
        let original = x
        x -= x
        #expect(x == 0 && x.hashValue == Rational(0).hashValue && original == Rational(BigInteger(3).power(50)))
    }
}
