import Rationals

extension SplitMix64 {
    /// A random integer of up to `maxBits` bits (sign random), sometimes 0 or ±1.
    public mutating func bigInteger(maxBits: Int = 150) -> BigInteger {
        switch Int.random(in: 0..<10, using: &self) {
        case 0: return 0
        case 1: return Bool.random(using: &self) ? 1 : -1
        default:
            let bits = Int.random(in: 1...maxBits, using: &self)
            var value = BigInteger(0)
            var remaining = bits
            while remaining > 0 {
                let chunk = min(remaining, 62)
                value = value.shiftedLeft(chunk) + BigInteger(Int(next() >> UInt64(64 - chunk)))
                remaining -= chunk
            }
            return Bool.random(using: &self) ? -value : value
        }
    }

    /// A random rational with numerator and denominator of up to `maxBits` bits.
    public mutating func rational(maxBits: Int = 100) -> Rational {
        var d = bigInteger(maxBits: maxBits)
        if d.isZero { d = 1 }
        return try! Rational(numerator: bigInteger(maxBits: maxBits), denominator: d)
    }

    /// A random small rational (numerator in -9...9, denominator in 1...6).
    public mutating func smallRational() -> Rational {
        Rational(Int.random(in: -9...9, using: &self), Int.random(in: 1...6, using: &self))
    }

    /// A random finite double of any magnitude (including subnormals and zeros).
    public mutating func finiteDouble() -> Double {
        while true {
            let x = Double(bitPattern: next())
            if x.isFinite { return x }
        }
    }
}
