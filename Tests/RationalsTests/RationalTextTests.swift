import Foundation
import Testing
@testable import Rationals
import TestSupport

@Suite struct RationalTextTests {
    @Test(arguments: [
        ("-3/7", "-3/7"), ("5", "5"), ("+5", "5"), ("-7", "-7"), ("6/4", "3/2"), ("0.125", "1/8"),
        ("1e-3", "1/1000"), ("-1e-3", "-1/1000"), ("2.5E+4", "25000"), ("2.5e4", "25000"),
        (".5", "1/2"), ("5.", "5"), ("-0", "0"), ("0/5", "0"), ("00012.500", "25/2"),
        ("1.5e-1", "3/20"), ("-12/-0", ""),
    ])
    func parses(text: String, expected: String) {
        if expected.isEmpty {
            #expect(Rational(text) == nil)
        } else {
            #expect(Rational(text)?.description == expected)
        }
    }

    @Test(arguments: ["1/0", "abc", "1.2.3", "", "1/", "/2", "1/-2", "- 1", " 1", "1 ", "e5", "1e", "1e+",
                      ".", "+", "1//2", "0x1p3", "inf", "nan", "1,5", "1e99999999999", "1.5/2", "١٢"])
    func rejects(text: String) {
        #expect(Rational(text) == nil)
        #expect(throws: RationalError.self) { try Rational.parse(text) }
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: RationalError.zeroDenominator) { try Rational.parse("3/0") }
        #expect(throws: RationalError.malformed("empty string")) { try Rational.parse("") }
        do {
            _ = try Rational.parse("1.2.3")
            Issue.record("1.2.3 parsed")
        } catch {
            #expect("\(error)".contains("1.2.3"))
        }
    }

    @Test func descriptionRoundTrips() {
        var g = SplitMix64(seed: 20)
        for _ in 0..<propertyCount() {
            let a = g.rational(maxBits: 200)
            #expect(Rational(a.description) == a)
        }
    }

    /// Decimal text parses to the exact value: compare with Swift's correctly rounded Double(String)
    /// after our correctly rounded conversion, and with an independent construction.
    @Test func decimalTextIsExact() {
        var g = SplitMix64(seed: 21)
        for _ in 0..<propertyCount() {
            let digits = String((0..<Int.random(in: 1...25, using: &g)).map { _ in
                Character(String(Int.random(in: 0...9, using: &g))) })
            let split = Int.random(in: 0...digits.count, using: &g)
            let intPart = String(digits.prefix(split)), fracPart = String(digits.dropFirst(split))
            let exponent = Int.random(in: -340...310, using: &g)
            let negative = Bool.random(using: &g)
            let text = (negative ? "-" : "") + intPart + "." + fracPart + "e\(exponent)"
            guard !(intPart.isEmpty && fracPart.isEmpty) else { continue }
            let value = Rational(text)
            #expect(value != nil, "\(text)")
            guard let value else { continue }
            // Independent construction: mantissa * 10^(exponent - fracDigits).
            var expected = Rational(BigInteger(intPart + fracPart)!) * Rational(10).power(exponent - fracPart.count)
            if negative { expected = -expected }
            #expect(value == expected, "\(text)")
            // (Rational has no -0: "-0.0" is 0, whose double is +0; a negative value that
            // underflows does round to -0.)
            let expectedDouble = Double(text)!
            #expect(value.doubleValue.bitPattern == (value.isZero ? 0.0 : expectedDouble).bitPattern, "\(text)")
        }
    }

    @Test func codableAsString() throws {
        let values = [Rational(-3, 7), Rational(5), Rational(0), Rational(1, 3).power(40)]
        let data = try JSONEncoder().encode(values)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"-3\\/7\"") || text.contains("\"-3/7\""))
        #expect(try JSONDecoder().decode([Rational].self, from: data) == values)
        #expect(try JSONDecoder().decode([Rational].self, from: Data("[\"0.125\",\"2.5E+4\"]".utf8))
            == [Rational(1, 8), Rational(25000)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rational].self, from: Data("[\"1/0\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rational].self, from: Data("[0.5]".utf8)) }
    }
}
