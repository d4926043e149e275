import CGMP

extension Rational: LosslessStringConvertible, CustomStringConvertible {
    /// "p/q" in lowest terms, or "p" for integers.
    public var description: String {
        isInteger ? numerator.description : "\(numerator.description)/\(denominator.description)"
    }

    /// Parses "-3/7", "5", "+5", "0.125", ".5", "-1e-3", "2.5E+4" exactly; nil for anything else
    /// (including "1/0"). See `parse(_:)` for the reason a text is rejected.
    public init?(_ description: String) {
        guard let value = try? Rational.parse(description) else { return nil }
        self = value
    }

    /// Largest decimal exponent magnitude accepted, so that "1e999999999999" is an error, not a hang.
    public static let maximumDecimalExponent = 1_000_000

    /// Parses a rational exactly, throwing `RationalError.malformed` (or `.zeroDenominator` for
    /// "p/0") with a message naming what is wrong.
    ///
    /// Grammar: `[+-] digits "/" digits` or `[+-] (digits ["." digits] | "." digits) [(e|E) [+-] digits]`.
    public static func parse(_ text: String) throws -> Rational {
        let quoted = "\"\(text)\""
        guard !text.isEmpty else { throw RationalError.malformed("empty string") }
        if let slash = text.firstIndex(of: "/") {
            guard let p = BigInteger.parseDecimal(text[..<slash], allowSign: true),
                  let q = BigInteger.parseDecimal(text[text.index(after: slash)...], allowSign: false)
            else { throw RationalError.malformed("\(quoted) is not of the form p/q with decimal integers p, q") }
            guard !q.isZero else { throw RationalError.zeroDenominator }
            return Rational(numerator: p, denominator: q, checked: ())
        }
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "+" || first == "-" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        // Split off the exponent.
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exponentText = rest[rest.index(after: e)...]
            guard let value = BigInteger.parseDecimal(exponentText, allowSign: true) else {
                throw RationalError.malformed("\(quoted) has a malformed exponent")
            }
            guard let small = value.intValue, small.magnitude <= UInt(maximumDecimalExponent) else {
                throw RationalError.malformed("\(quoted) has an exponent beyond ±\(maximumDecimalExponent)")
            }
            exponent = small
            rest = rest[..<e]
        }
        // Mantissa: digits [. digits], at least one digit.
        var integerPart = rest
        var fractionPart: Substring = ""
        if let dot = rest.firstIndex(of: ".") {
            integerPart = rest[..<dot]
            fractionPart = rest[rest.index(after: dot)...]
        }
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isWholeNumber }
        guard !(integerPart.isEmpty && fractionPart.isEmpty),
              integerPart.allSatisfy(isDigit), fractionPart.allSatisfy(isDigit)
        else { throw RationalError.malformed("\(quoted) is not a decimal number") }
        guard let mantissa = BigInteger.parseDecimal(Substring(String(integerPart) + String(fractionPart)), allowSign: false)
        else { throw RationalError.malformed("\(quoted) is not a decimal number") }
        // value = mantissa * 10^(exponent - fractionDigits)
        let scale = exponent - fractionPart.count
        let ten = BigInteger(10)
        var value: Rational
        if scale >= 0 {
            value = Rational(mantissa * ten.power(scale))
        } else {
            value = Rational(numerator: mantissa, denominator: ten.power(-scale), checked: ())
        }
        if negative { value.negate() }
        return value
    }
}

extension Rational: Codable {
    /// Decodes from a string such as "-3/7" (any text `parse(_:)` accepts).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Rational.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a rational number: \(error)")
        }
    }

    /// Encodes as the string "p/q" (or "p").
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
