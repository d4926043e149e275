import Foundation
import Testing
@testable import Rationals
import TestSupport

@Suite struct BigIntegerTests {
    @Test func smallArithmeticMatchesInt() {
        var g = SplitMix64(seed: 1)
        for _ in 0..<propertyCount() {
            let a = Int.random(in: -1_000_000_000...1_000_000_000, using: &g)
            let b = Int.random(in: -1_000_000_000...1_000_000_000, using: &g)
            let x = BigInteger(a), y = BigInteger(b)
            #expect((x + y).intValue == a + b)
            #expect((x - y).intValue == a - b)
            #expect((x * y).intValue == a * b)
            #expect((x < y) == (a < b))
            #expect(x.signum == a.signum())
            if b != 0 {
                let (q, r) = x.quotientAndRemainder(dividingBy: y)
                #expect(q.intValue == a / b && r.intValue == a % b)
            }
            #expect(BigInteger.gcd(x, y).intValue == gcdInt(a, b))
            #expect(x.shiftedRight(3).intValue == a >> 3)  // floor division like Int's >>
            #expect(x.shiftedLeft(5).intValue == a << 5)
        }
    }

    private func gcdInt(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    @Test func largeValuesAndText() {
        let twoTo200 = BigInteger(2).power(200)
        #expect(twoTo200.description == "1606938044258990275541962092341162602522202993782792835301376")
        #expect(twoTo200.bitLength == 201)
        #expect(BigInteger(0).bitLength == 0)
        #expect(BigInteger(-1).bitLength == 1)
        #expect(BigInteger(255).bitLength == 8)
        #expect(twoTo200.intValue == nil)
        #expect(BigInteger(Int.min).intValue == Int.min)
        #expect((BigInteger(Int.max) + 1).intValue == nil)
        #expect(BigInteger("-000123")?.description == "-123")
        #expect(BigInteger("+42") == 42)
        for bad in ["", "-", "1.5", "abc", " 1", "1 ", "0x10", "--1"] { #expect(BigInteger(bad) == nil, "\(bad)") }
        #expect(twoTo200.shiftedRight(199) == 2)
        #expect(BigInteger(-5).shiftedRight(1) == -3)  // floor(-5/2)
        #expect(BigInteger(-7).magnitude == 7)
    }

    @Test func squareRootFloor() {
        var g = SplitMix64(seed: 2)
        #expect(BigInteger(0).squareRootFloor() == 0)
        #expect(BigInteger(15).squareRootFloor() == 3)
        #expect(BigInteger(16).squareRootFloor() == 4)
        for _ in 0..<propertyCount() {
            let n = g.bigInteger(maxBits: 200).magnitude
            let s = n.squareRootFloor()
            #expect(s * s <= n && (s + 1) * (s + 1) > n)
        }
    }

    @Test func ringLawsAndAliasing() {
        var g = SplitMix64(seed: 3)
        for _ in 0..<propertyCount() {
            let a = g.bigInteger(), b = g.bigInteger(), c = g.bigInteger()
            #expect((a + b) * c == a * c + b * c)
            #expect(a - a == 0)
            var x = a
            x += x
            #expect(x == a * 2)
            x = a
            x *= x
            #expect(x == a.power(2))
            x = a
            x -= x
            #expect(x.isZero)
            #expect(a == a.quotientAndRemainder(dividingBy: b.isZero ? 1 : b).quotient * (b.isZero ? 1 : b)
                + a.quotientAndRemainder(dividingBy: b.isZero ? 1 : b).remainder)
            #expect(BigInteger(a.description) == a)
        }
    }

    @Test func copyIndependence() {
        let a = BigInteger(2).power(100)
        var b = a
        b += 1
        #expect(a == BigInteger(2).power(100))
        #expect(b - a == 1)
        var c = a
        c.negate()
        #expect(a.signum == 1 && c.signum == -1)
    }

    @Test func conversionsFromOtherIntegers() throws {
        #expect(BigInteger(UInt64.max).description == "18446744073709551615")
        #expect(BigInteger(exactly: UInt64.max) == BigInteger(2).power(64) - 1)
        #expect(try BigInteger(exactly: 1e20) == BigInteger(10).power(20))
        #expect(throws: RationalError.notFinite(.infinity)) { try BigInteger(exactly: .infinity) }
        #expect(throws: RationalError.self) { try BigInteger(exactly: 0.5) }
    }

    @Test func codableAndHashable() throws {
        let values: [BigInteger] = [0, -1, BigInteger(3).power(90), -BigInteger(7).power(40)]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([BigInteger].self, from: data) == values)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([BigInteger].self, from: Data("[\"1x\"]".utf8)) }
        let set = Set(values + values.map { $0 + 0 })
        #expect(set.count == values.count)
    }
}
