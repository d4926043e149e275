import CGMP

extension BigInteger: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension BigInteger: SignedNumeric {
    public typealias Magnitude = BigInteger

    /// The exact value of any binary integer (never nil).
    public init?<T: BinaryInteger>(exactly source: T) {
        self.init(source)
    }

    /// The exact value of any binary integer.
    public init<T: BinaryInteger>(_ source: T) {
        if let small = Int(exactly: source) {
            self.init(small)
            return
        }
        // Assemble |source| from its 64-bit words, most significant first.
        var result = BigInteger()
        for word in source.magnitude.words.reversed() {
            result = result.shiftedLeft(UInt.bitWidth) + BigInteger.make { __gmpz_set_ui($0, word) }
        }
        if source < 0 { result.negate() }
        self = result
    }
}

extension BigInteger: Codable {
    /// Decodes from a decimal string such as "-123".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = BigInteger(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a decimal integer: \"\(text)\"")
        }
        self = value
    }

    /// Encodes as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
