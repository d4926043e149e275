import CGMP
import CGMPShim

extension Rational {
    /// The double nearest to self (round to nearest, ties to even), with gradual underflow to
    /// subnormals and ±0, and ±infinity when |self| rounds beyond the largest finite double.
    ///
    /// `mpq_get_d` truncates, so the rounding is done here: with n = |num|, d = den and
    /// k chosen so that q = floor(n 2^k / d) has at least 55 bits, self = (q + s) 2^-k with
    /// 0 <= s < 1 (s != 0 is the sticky bit). Dropping `drop` low bits of q (53 kept for normal
    /// results, fewer so that the last kept bit weighs 2^-1074 for subnormals) and rounding
    /// half-to-even on (dropped bits, sticky) gives the correctly rounded significand.
    public var doubleValue: Double {
        // Both parts exact in binary64: IEEE division is itself correctly rounded.
        if storage == nil && smallNumerator.magnitude <= 1 << 53 && smallDenominator <= 1 << 53 {
            return Double(smallNumerator) / Double(smallDenominator)
        }
        return roundedToNearestDouble()
    }

    /// The general correctly rounded conversion (see `doubleValue`), for any representation.
    func roundedToNearestDouble() -> Double {
        let sign = signum
        if sign == 0 { return 0 }
        let n = numerator.magnitude
        let d = denominator
        let e = n.bitLength - d.bitLength  // n/d in (2^(e-1), 2^(e+1))
        if e > 1025 { return sign < 0 ? -.infinity : .infinity }
        if e < -1080 { return sign < 0 ? -0.0 : 0.0 }
        let k = 55 - e
        let (q, r) = n.shiftedLeft(max(k, 0)).quotientAndRemainder(dividingBy: d.shiftedLeft(max(-k, 0)))
        let sticky = !r.isZero
        let bits = q.bitLength  // >= 55
        let drop = max(bits - 53, k - 1074)
        var significand: UInt64
        if drop > bits {
            significand = 0  // value < 2^-1075: below half the smallest subnormal
        } else {
            significand = UInt64(q.shiftedRight(drop).intValue!)
            // Half bit and bits below it.
            let half = drop >= 1 && q.withMPZ { __gmpz_tstbit($0, UInt(drop - 1)) } != 0
            let belowHalf = drop >= 2 && q.withMPZ { Int(__gmpz_scan1($0, 0)) } < drop - 1
            if half && (belowHalf || sticky || significand & 1 == 1) { significand += 1 }
        }
        var exponent = drop - k  // value = significand * 2^exponent
        if significand == 1 << 53 {
            significand >>= 1
            exponent += 1
        }
        let magnitude: Double
        if significand == 0 {
            magnitude = 0
        } else if significand >= 1 << 52 {
            let biased = exponent + 52 + 1023
            if biased >= 2047 {
                magnitude = .infinity
            } else {
                magnitude = Double(bitPattern: UInt64(biased) << 52 | (significand & ((1 << 52) - 1)))
            }
        } else {
            // Subnormal: exponent == -1074 here.
            magnitude = Double(bitPattern: significand)
        }
        return sign < 0 ? -magnitude : magnitude
    }
}

extension Double {
    /// The double nearest to `r` (same as `r.doubleValue`).
    public init(_ r: Rational) {
        self = r.doubleValue
    }
}
