import CGMP
import CGMPShim

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Representation: values whose numerator and denominator both fit in `-Int.max...Int.max`
/// are stored inline (`storage == nil`, no heap allocation, arithmetic with overflow checks);
/// all other values live in a GMP `mpq_t` owned by a copy-on-write `RationalStorage`.
/// The representation is canonical: a value is stored inline if and only if it fits, so equal
/// values have equal representations. Copies never share limbs, GMP memory is freed when the
/// last copy goes away, and operations where an operand is also the result (`a += a`,
/// `a *= a`) are safe.
public struct Rational: @unchecked Sendable {
    /// Numerator of an inline value (meaningless when `storage != nil`); never `Int.min`.
    @usableFromInline
    var smallNumerator: Int
    /// Denominator of an inline value (> 0; meaningless when `storage != nil`).
    @usableFromInline
    var smallDenominator: Int
    /// The GMP rational of a value that does not fit inline; nil for inline values.
    @usableFromInline
    var storage: RationalStorage?

    /// An inline value; the caller guarantees lowest terms, d > 0, n != Int.min.
    @inlinable
    init(small n: Int, _ d: Int) {
        smallNumerator = n
        smallDenominator = d
        storage = nil
    }

    /// The value held by `storage` in canonical representation (inline if it fits).
    @inlinable
    init(storage: RationalStorage) {
        var n = 0, d = 1
        if storage.withUnsafeMutablePointerToElements({ cgmp_mpq_get_small($0, &n, &d) }) != 0 {
            smallNumerator = n
            smallDenominator = d
            self.storage = nil
        } else {
            smallNumerator = 0
            smallDenominator = 1
            self.storage = storage
        }
    }

    /// Zero.
    @inlinable
    public init() {
        self.init(small: 0, 1)
    }

    /// The integer `value`.
    @inlinable
    public init(_ value: Int) {
        if value != .min {
            self.init(small: value, 1)
        } else {
            self = Rational.make { __gmpq_set_si($0, value, 1) }
        }
    }

    /// numerator / denominator in lowest terms; precondition denominator != 0.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational: zero denominator")
        if numerator != .min && denominator != .min {
            let g = Int(Rational.gcd(numerator.magnitude, denominator.magnitude))
            let sign = denominator < 0 ? -1 : 1
            self.init(small: sign * (numerator / g), sign * (denominator / g))
        } else {
            self.init(numerator: BigInteger(numerator), denominator: BigInteger(denominator), checked: ())
        }
    }

    /// numerator / denominator in lowest terms; throws `RationalError.zeroDenominator` for 0.
    public init(numerator: BigInteger, denominator: BigInteger) throws {
        guard !denominator.isZero else { throw RationalError.zeroDenominator }
        self.init(numerator: numerator, denominator: denominator, checked: ())
    }

    /// numerator / denominator with denominator != 0 already checked.
    init(numerator: BigInteger, denominator: BigInteger, checked: Void) {
        let result = RationalStorage.make()
        result.withUnsafeMutablePointerToElements { q in
            numerator.withMPZ { __gmpz_set(cgmp_mpq_numref(q), $0) }
            denominator.withMPZ { __gmpz_set(cgmp_mpq_denref(q), $0) }
            __gmpq_canonicalize(q)  // lowest terms, positive denominator
        }
        self.init(storage: result)
    }

    /// The integer `integer`.
    public init(_ integer: BigInteger) {
        if let small = integer.intValue {
            self.init(small)
        } else {
            self = Rational.make { q in integer.withMPZ { __gmpq_set_z(q, $0) } }
        }
    }

    /// The exact value of a finite double (every finite double is a dyadic rational m * 2^e).
    /// Throws `RationalError.notFinite` for NaN and ±infinity.
    public init(exactly value: Double) throws {
        guard value.isFinite else { throw RationalError.notFinite(value) }
        self = Rational.make { __gmpq_set_d($0, value) }  // exact
    }

    /// Binary gcd of two machine words (gcd(0, 0) = 0).
    @inlinable
    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        if a == 0 { return b }
        if b == 0 { return a }
        var u = a, v = b
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    /// Calls `body` with a read-only pointer to the value as a GMP rational. Inline values are
    /// presented through `mpz_roinit_n` views of stack limbs (no allocation).
    @inlinable
    func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
        if let storage {
            return try storage.withUnsafeMutablePointerToElements { try body(UnsafePointer($0)) }
        }
        var numeratorLimb = smallNumerator.magnitude
        var denominatorLimb = UInt(smallDenominator)
        let numeratorSize = smallNumerator.signum()
        return try withUnsafePointer(to: &numeratorLimb) { n in
            try withUnsafePointer(to: &denominatorLimb) { d in
                var q = __mpq_struct()
                _ = __gmpz_roinit_n(&q._mp_num, n, numeratorSize)
                _ = __gmpz_roinit_n(&q._mp_den, d, 1)
                return try withUnsafePointer(to: &q) { try body($0) }
            }
        }
    }

    /// Computes a new rational by letting `body` write into a fresh GMP rational.
    @inlinable
    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> Void) rethrows -> Rational {
        let result = RationalStorage.make()
        try result.withUnsafeMutablePointerToElements { try body($0) }
        return Rational(storage: result)
    }

    /// The numerator in lowest terms (sign of the value).
    public var numerator: BigInteger {
        if storage == nil { return BigInteger(smallNumerator) }
        return BigInteger.make { r in withMPQ { __gmpz_set(r, cgmp_mpq_numref_const($0)) } }
    }

    /// The denominator in lowest terms (> 0).
    public var denominator: BigInteger {
        if storage == nil { return BigInteger(smallDenominator) }
        return BigInteger.make { r in withMPQ { __gmpz_set(r, cgmp_mpq_denref_const($0)) } }
    }

    /// -1, 0 or 1 according to the sign.
    @inlinable
    public var signum: Int {
        if let storage { return Int(storage.withUnsafeMutablePointerToElements { cgmp_mpq_sgn($0) }) }
        return smallNumerator.signum()
    }

    /// Whether the value is 0.
    @inlinable
    public var isZero: Bool { signum == 0 }

    /// Whether the denominator is 1.
    public var isInteger: Bool {
        if storage == nil { return smallDenominator == 1 }
        return withMPQ { __gmpz_cmp_ui(cgmp_mpq_denref_const($0), 1) == 0 }
    }

    /// 1 / self, or nil for 0.
    public var reciprocal: Rational? {
        isZero ? nil : Rational.make { r in withMPQ { __gmpq_inv(r, $0) } }
    }

    /// self^k for any integer k (0^0 = 1); precondition self != 0 when k < 0.
    public func power(_ k: Int) -> Rational {
        if storage == nil && smallDenominator == 1 && smallNumerator.magnitude == 1 {
            return smallNumerator < 0 && k & 1 == 1 ? -1 : 1  // ±1, for every k (even Int.min)
        }
        if k < 0 {
            precondition(!isZero, "Rational.power: 0 to a negative power")
            let inverse = reciprocal!
            return k == .min ? inverse.power(Int.max) * inverse : inverse.power(-k)
        }
        // (p/q)^k = p^k / q^k is already in lowest terms.
        return Rational.make { r in
            withMPQ { q in
                __gmpz_pow_ui(cgmp_mpq_numref(r), cgmp_mpq_numref_const(q), UInt(k))
                __gmpz_pow_ui(cgmp_mpq_denref(r), cgmp_mpq_denref_const(q), UInt(k))
            }
        }
    }

    /// floor(self): the greatest integer <= self.
    public func floor() -> BigInteger {
        BigInteger.make { r in withMPQ { __gmpz_fdiv_q(r, cgmp_mpq_numref_const($0), cgmp_mpq_denref_const($0)) } }
    }

    /// ceil(self): the least integer >= self.
    public func ceil() -> BigInteger {
        BigInteger.make { r in withMPQ { __gmpz_cdiv_q(r, cgmp_mpq_numref_const($0), cgmp_mpq_denref_const($0)) } }
    }

    /// self * 2^k exactly; k may be negative.
    public func multipliedByPowerOfTwo(_ k: Int) -> Rational {
        Rational.make { r in
            withMPQ { q in
                if k >= 0 { __gmpq_mul_2exp(r, q, UInt(k)) } else { __gmpq_div_2exp(r, q, k.magnitude) }
            }
        }
    }

    /// self / divisor; throws `RationalError.divisionByZero` when divisor is 0.
    public func divided(by divisor: Rational) throws -> Rational {
        guard !divisor.isZero else { throw RationalError.divisionByZero }
        return self / divisor
    }
}
