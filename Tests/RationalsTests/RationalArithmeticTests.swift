import Foundation
import RealModule
import Testing
@testable import Rationals
import TestSupport

@Suite struct RationalArithmeticTests {
    @Test func fieldLaws() {
        var g = SplitMix64(seed: 10)
        for _ in 0..<propertyCount() {
            let a = g.rational(), b = g.rational(), c = g.rational()
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - b == -(b - a))
            #expect(a + 0 == a && a * 1 == a && a * 0 == 0)
            if !b.isZero {
                #expect((a / b) * b == a)
                #expect(b * b.reciprocal! == 1)
            }
            // Canonical form: lowest terms, positive denominator.
            let s = a + b
            #expect(s.denominator.signum == 1)
            #expect(BigInteger.gcd(s.numerator, s.denominator) == 1)
            // Order is total and compatible with addition.
            #expect((a < b) != (a >= b))
            if a < b { #expect(a + c < b + c) }
        }
    }

    @Test func smallValuesAgainstHandComputation() {
        #expect(Rational(1, 2) + Rational(1, 3) == Rational(5, 6))
        #expect(Rational(2, -4) == Rational(-1, 2))
        #expect(Rational(2, -4).description == "-1/2")
        #expect(Rational(6, 3).description == "2")
        #expect(Rational(3, 4) * Rational(4, 3) == 1)
        #expect(Rational(1, 3) - Rational(1, 2) == Rational(-1, 6))
        #expect(Rational(7, 2).floor() == 3 && Rational(7, 2).ceil() == 4)
        #expect(Rational(-7, 2).floor() == -4 && Rational(-7, 2).ceil() == -3)
        #expect(Rational(5).floor() == 5 && Rational(5).ceil() == 5)
        #expect(Rational(2, 3).power(3) == Rational(8, 27))
        #expect(Rational(2, 3).power(-2) == Rational(9, 4))
        #expect(Rational(-2, 3).power(0) == 1)
        #expect(Rational(3, 5).multipliedByPowerOfTwo(3) == Rational(24, 5))
        #expect(Rational(3, 5).multipliedByPowerOfTwo(-2) == Rational(3, 20))
        #expect(Rational(-3, 5).signum == -1 && Rational(0).signum == 0)
        #expect(Rational(-3, 5).magnitude == Rational(3, 5))
        #expect(abs(Rational(-3, 5)) == Rational(3, 5))
        #expect(Rational(4, 2).isInteger && !Rational(1, 2).isInteger)
        #expect(Rational(0).reciprocal == nil)
        #expect(throws: RationalError.divisionByZero) { try Rational(1).divided(by: 0) }
        #expect(throws: RationalError.zeroDenominator) { try Rational(numerator: 1, denominator: 0) }
        #expect(Rational(exactly: 12 as UInt8) == 12)
    }

    /// Exponents at the ends of Int: -Int.min overflows, so these trapped; 1 and -1 have every power.
    @Test func extremeExponents() {
        #expect(Rational(1).power(Int.min) == 1)
        #expect(Rational(-1).power(Int.min) == 1)
        #expect(Rational(-1).power(Int.max) == -1)
        #expect(Rational(1).power(Int.max) == 1)
        #expect(Rational(0).power(Int.max) == 0)
        #expect(Rational(0).multipliedByPowerOfTwo(Int.min) == 0)
    }

    @Test func powersAgreeWithRepeatedProducts() {
        var g = SplitMix64(seed: 11)
        for _ in 0..<propertyCount(50) {
            var a = g.rational(maxBits: 30)
            if a.isZero { a = 3 }
            let k = Int.random(in: -6...6, using: &g)
            var expected: Rational = 1
            for _ in 0..<abs(k) { expected *= a }
            if k < 0 { expected = expected.reciprocal! }
            #expect(a.power(k) == expected)
            let m = Int.random(in: -80...80, using: &g)
            #expect(a.multipliedByPowerOfTwo(m) == a * Rational(2).power(m))
            #expect(Rational(a.floor()) <= a && a < Rational(a.floor()) + 1)
            #expect(Rational(a.ceil()) >= a && a > Rational(a.ceil()) - 1)
        }
    }

    @Test func aliasing() {
        var g = SplitMix64(seed: 12)
        for _ in 0..<propertyCount(100) {
            let a = g.rational()
            var x = a
            x += x
            #expect(x == a * 2)
            x = a
            x *= x
            #expect(x == a.power(2))
            x = a
            x -= x
            #expect(x.isZero)
            x = a
            if !a.isZero {
                x /= x
                #expect(x == 1)
            }
            x = a
            x = x * x
            #expect(x == a.power(2))
            x = a
            x = x + x - x
            #expect(x == a)
            #expect(a == a)  // a was never mutated through x
        }
    }

    @Test func copyIndependence() {
        let original = Rational(22, 7)
        var copy = original
        copy += 1
        #expect(original == Rational(22, 7))
        #expect(copy == Rational(29, 7))
        var negated = original
        negated.negate()
        #expect(original.signum == 1 && negated == Rational(-22, 7))
        var product = original
        product *= original
        #expect(original == Rational(22, 7) && product == Rational(484, 49))
        var array = [original, original]
        array[0] /= 2
        #expect(array[1] == Rational(22, 7) && array[0] == Rational(11, 7))
    }

    @Test func hashingUsesCanonicalForm() {
        var g = SplitMix64(seed: 13)
        var seen = [Rational: Int]()
        for i in 0..<propertyCount(100) {
            let a = g.smallRational()
            seen[a] = i
            // The same value built another way hashes the same.
            let b = try! Rational(numerator: a.numerator * 6, denominator: a.denominator * 6)
            #expect(a.hashValue == b.hashValue && seen[b] == i)
        }
    }

    @Test func concurrentUseOfSharedValues() async {
        let shared = Rational(1, 3)
        let results = await withTaskGroup(of: Rational.self) { group in
            for k in 1...8 {
                group.addTask {
                    var x = shared
                    for _ in 0..<k { x += shared }
                    return x
                }
            }
            var all = [Rational]()
            for await r in group { all.append(r) }
            return all
        }
        #expect(Set(results) == Set((1...8).map { Rational($0 + 1, 3) }))
        #expect(shared == Rational(1, 3))
    }

    /// Generic code over AlgebraicField runs on Double and Rational alike.
    private func harmonic<T: AlgebraicField>(_ n: Int, as: T.Type) -> T {
        var sum: T = 0
        for k in 1...n { sum += T(exactly: k)!.reciprocal! }
        return sum
    }

    @Test func algebraicFieldGenericity() {
        let exact = harmonic(10, as: Rational.self)
        #expect(exact == Rational(7381, 2520))
        let float = harmonic(10, as: Double.self)
        #expect(abs(float - exact.doubleValue) < 1e-14)
    }
}
