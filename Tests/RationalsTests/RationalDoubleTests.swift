import Foundation
import Testing
@testable import Rationals
import TestSupport

@Suite struct RationalDoubleTests {
    @Test func exactFromDouble() throws {
        #expect(try Rational(exactly: 0.1) == Rational(3_602_879_701_896_397, 36_028_797_018_963_968))
        #expect(try Rational(exactly: -0.375) == Rational(-3, 8))
        #expect(try Rational(exactly: 1e300) == Rational(BigInteger(exactly: 1e300)))
        #expect(try Rational(exactly: .leastNonzeroMagnitude) == Rational(1).multipliedByPowerOfTwo(-1074))
        #expect(try Rational(exactly: -0.0) == 0)
        #expect(throws: RationalError.notFinite(.infinity)) { try Rational(exactly: .infinity) }
        #expect(throws: RationalError.notFinite(-.infinity)) { try Rational(exactly: -.infinity) }
        #expect(throws: RationalError.self) { try Rational(exactly: .nan) }
    }

    @Test func roundTripsOfRandomDoubles() throws {
        var g = SplitMix64(seed: 30)
        for _ in 0..<propertyCount(2000) {
            let x = g.finiteDouble()
            let r = try Rational(exactly: x)
            #expect(r.doubleValue.bitPattern == (x == 0 ? 0.0 : x).bitPattern, "\(x)")
            #expect(Double(r) == x)
        }
        for x in [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude,
                  .leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown, 1, -1, 0.1, 1e-310] {
            #expect(try Rational(exactly: x).doubleValue == x)
        }
    }

    /// For p, q < 2^53 both doubles are exact and IEEE division is correctly rounded, so
    /// Double(p) / Double(q) is an independent oracle for the correctly rounded p/q.
    @Test func quotientsMatchIEEEDivision() {
        var g = SplitMix64(seed: 31)
        for _ in 0..<propertyCount(2000) {
            let bits = Int.random(in: 1...53, using: &g)
            let p = Int(g.next() >> UInt64(64 - bits)) * (Bool.random(using: &g) ? 1 : -1)
            let q = max(1, Int(g.next() >> UInt64(64 - Int.random(in: 1...53, using: &g))))
            #expect(Rational(p, q).doubleValue == Double(p) / Double(q), "\(p)/\(q)")
            // The general path too (doubleValue takes a shortcut for such small parts).
            #expect(Rational(p, q).roundedToNearestDouble() == Double(p) / Double(q), "\(p)/\(q)")
        }
        #expect(Rational(1, 3).doubleValue == 1.0 / 3.0)
        #expect(Rational(1, 3).roundedToNearestDouble() == 1.0 / 3.0)
        #expect(Rational(2, 3).roundedToNearestDouble() == 2.0 / 3.0)
        #expect(Rational(1, 10).roundedToNearestDouble() == 0.1)
        #expect(Rational(2, 3).doubleValue == 2.0 / 3.0)
        #expect(Rational(1, 10).doubleValue == 0.1)
        #expect(Rational(0).doubleValue == 0 && Rational(0).doubleValue.sign == .plus)
    }

    /// Midpoints between adjacent doubles round to the even one; anything above or below the
    /// midpoint rounds to the nearer neighbour. Covers normal, subnormal and overflow ranges.
    @Test func tiesAndNeighbours() throws {
        var g = SplitMix64(seed: 32)
        var cases: [Double] = [1, 1.5, .leastNonzeroMagnitude, Double.leastNonzeroMagnitude * 2,
                               Double.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
                               Double.greatestFiniteMagnitude.nextDown, 0x1p52, 0x1p53 - 1]
        for _ in 0..<propertyCount(500) { cases.append(abs(g.finiteDouble())) }
        for x in cases where x.nextUp.isFinite {
            let lo = try Rational(exactly: x), hi = try Rational(exactly: x.nextUp)
            let mid = (lo + hi) / 2
            let tiny = (hi - lo) / Rational(1).multipliedByPowerOfTwo(40)
            let even = x.significandBitPattern & 1 == 0 ? x : x.nextUp
            #expect(mid.doubleValue == even, "tie above \(x)")
            #expect((-mid).doubleValue == -even, "negative tie above \(x)")
            #expect((mid - tiny).doubleValue == x, "below tie above \(x)")
            #expect((mid + tiny).doubleValue == x.nextUp, "above tie above \(x)")
        }
        // Below half of the smallest subnormal: 0; exactly half: ties to even (0); above: 2^-1074.
        let least = try Rational(exactly: .leastNonzeroMagnitude)
        #expect((least / 2).doubleValue == 0)
        #expect((least / 3).doubleValue == 0)
        #expect((least * Rational(3, 5)).doubleValue == .leastNonzeroMagnitude)
        #expect((-least / 3).doubleValue.sign == .minus)
        #expect(Rational(1).multipliedByPowerOfTwo(-5000).doubleValue == 0)
    }

    @Test func overflow() throws {
        let maxFinite = try Rational(exactly: .greatestFiniteMagnitude)
        let halfUlp = Rational(1).multipliedByPowerOfTwo(970)  // ulp(max) = 2^971
        #expect((maxFinite + halfUlp).doubleValue == .infinity)  // tie: max has an odd significand
        #expect((maxFinite + halfUlp - 1).doubleValue == .greatestFiniteMagnitude)
        #expect(Rational(1).multipliedByPowerOfTwo(1024).doubleValue == .infinity)
        #expect((-Rational(1).multipliedByPowerOfTwo(1024)).doubleValue == -.infinity)
        #expect(Rational(1).multipliedByPowerOfTwo(100_000).doubleValue == .infinity)
        #expect(Rational(1).multipliedByPowerOfTwo(1023).doubleValue == 0x1p1023)
    }

    /// Quotients of random big integers: the result r satisfies |x - r| <= |x - r'| for both
    /// neighbours r' of r (checked exactly in Rational arithmetic).
    @Test func nearestForBigQuotients() throws {
        var g = SplitMix64(seed: 33)
        for _ in 0..<propertyCount(300) {
            let x = g.rational(maxBits: 400)
            let d = x.doubleValue
            guard d.isFinite, d != 0 else { continue }
            let error = (x - (try Rational(exactly: d))).magnitude
            for neighbour in [d.nextUp, d.nextDown] where neighbour.isFinite {
                #expect(error <= (x - (try Rational(exactly: neighbour))).magnitude, "\(x)")
            }
        }
    }
}
