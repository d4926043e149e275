import Foundation
@testable import Rationals

/// SplitMix64: a small seeded generator so that failures are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Number of random cases per property: SBAL_PROPERTY_COUNT or a moderate default.
func propertyCount(_ defaultCount: Int = 200) -> Int {
    if let text = ProcessInfo.processInfo.environment["SBAL_PROPERTY_COUNT"], let n = Int(text), n > 0 {
        return n
    }
    return defaultCount
}

extension SplitMix64 {
    /// A random integer of up to `bits` bits (sign random), sometimes 0 or ±1.
    mutating func bigInteger(maxBits: Int = 150) -> BigInteger {
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
    mutating func rational(maxBits: Int = 100) -> Rational {
        var d = bigInteger(maxBits: maxBits)
        if d.isZero { d = 1 }
        return try! Rational(numerator: bigInteger(maxBits: maxBits), denominator: d)
    }

    /// A random small rational (numerator in -9...9, denominator in 1...6).
    mutating func smallRational() -> Rational {
        Rational(Int.random(in: -9...9, using: &self), Int.random(in: 1...6, using: &self))
    }

    /// A random finite double of any magnitude (including subnormals and zeros).
    mutating func finiteDouble() -> Double {
        while true {
            let x = Double(bitPattern: next())
            if x.isFinite { return x }
        }
    }
}
