import CGMP
import CGMPShim

/// An arbitrary-precision signed integer backed by GMP's `mpz_t`.
///
/// Value semantics: copy-on-write storage, copies never share limbs, and the GMP integer is
/// freed when the last copy goes away.
public struct BigInteger: @unchecked Sendable {
    @usableFromInline
    var storage: IntegerStorage

    @inlinable
    init(storage: IntegerStorage) {
        self.storage = storage
    }

    /// Zero.
    @inlinable
    public init() {
        storage = IntegerStorage.make()
    }

    /// The integer `value`.
    @inlinable
    public init(_ value: Int) {
        storage = IntegerStorage.make()
        storage.withUnsafeMutablePointerToElements { __gmpz_set_si($0, value) }
    }

    /// Makes the storage uniquely referenced before a mutation (copy-on-write).
    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
        }
    }

    /// Calls `body` with a read-only pointer to the GMP integer.
    @inlinable
    func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointerToElements { try body(UnsafePointer($0)) }
    }

    /// Computes a new integer by letting `body` write into a fresh GMP integer.
    @inlinable
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> Void) rethrows -> BigInteger {
        let result = IntegerStorage.make()
        try result.withUnsafeMutablePointerToElements { try body($0) }
        return BigInteger(storage: result)
    }

    /// Binary operation `op(result, a, b)` into a fresh integer.
    @inlinable
    static func binary(
        _ a: BigInteger, _ b: BigInteger,
        _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
    ) -> BigInteger {
        make { r in a.withMPZ { pa in b.withMPZ { pb in op(r, pa, pb) } } }
    }

    /// In-place binary operation `lhs = op(lhs, rhs)`; GMP allows the output to alias inputs.
    @inlinable
    static func binaryInPlace(
        _ lhs: inout BigInteger, _ rhs: BigInteger,
        _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
    ) {
        if isKnownUniquelyReferenced(&lhs.storage) {
            lhs.storage.withUnsafeMutablePointerToElements { l in rhs.withMPZ { r in op(l, UnsafePointer(l), r) } }
        } else {
            lhs = binary(lhs, rhs, op)
        }
    }

    /// -1, 0 or 1 according to the sign.
    @inlinable
    public var signum: Int {
        Int(withMPZ { cgmp_mpz_sgn($0) })
    }

    /// Whether the value is 0.
    @inlinable
    public var isZero: Bool { signum == 0 }

    /// Whether the value is odd.
    public var isOdd: Bool { withMPZ { cgmp_mpz_odd_p($0) } != 0 }

    /// Number of bits of |self| (0 for 0): the least `b` with |self| < 2^b.
    public var bitLength: Int {
        // mpz_sizeinbase(0, 2) is 1, so 0 is handled separately.
        isZero ? 0 : withMPZ { Int(__gmpz_sizeinbase($0, 2)) }
    }

    /// The value as an `Int`, or nil if it does not fit.
    public var intValue: Int? {
        withMPZ { z in __gmpz_fits_slong_p(z) != 0 ? Int(__gmpz_get_si(z)) : nil }
    }

    /// self^k for k >= 0 (0^0 = 1).
    public func power(_ k: Int) -> BigInteger {
        precondition(k >= 0, "BigInteger.power: negative exponent \(k)")
        return BigInteger.make { r in withMPZ { __gmpz_pow_ui(r, $0, UInt(k)) } }
    }

    /// floor(sqrt(self)); precondition self >= 0.
    public func squareRootFloor() -> BigInteger {
        precondition(signum >= 0, "BigInteger.squareRootFloor of a negative number")
        return BigInteger.make { r in withMPZ { __gmpz_sqrt(r, $0) } }
    }

    /// self * 2^k; a negative k shifts right (floor division by 2^-k).
    public func shiftedLeft(_ k: Int) -> BigInteger {
        if k < 0 { return shiftedRight(-k) }
        return BigInteger.make { r in withMPZ { __gmpz_mul_2exp(r, $0, UInt(k)) } }
    }

    /// floor(self / 2^k); a negative k shifts left.
    public func shiftedRight(_ k: Int) -> BigInteger {
        if k < 0 { return shiftedLeft(-k) }
        return BigInteger.make { r in withMPZ { __gmpz_fdiv_q_2exp(r, $0, UInt(k)) } }
    }

    /// Truncating division like `Int`: quotient rounded toward zero, remainder with the sign of self.
    /// Precondition: divisor != 0.
    public func quotientAndRemainder(dividingBy divisor: BigInteger) -> (quotient: BigInteger, remainder: BigInteger) {
        precondition(!divisor.isZero, "BigInteger division by zero")
        let remainder = BigInteger()
        let quotient = BigInteger.make { q in
            remainder.storage.withUnsafeMutablePointerToElements { r in
                withMPZ { a in divisor.withMPZ { b in __gmpz_tdiv_qr(q, r, a, b) } }
            }
        }
        return (quotient, remainder)
    }

    /// Floor division: floor(self / divisor). Precondition: divisor != 0.
    public func floorDivided(by divisor: BigInteger) -> BigInteger {
        precondition(!divisor.isZero, "BigInteger division by zero")
        return BigInteger.binary(self, divisor) { __gmpz_fdiv_q($0, $1, $2) }
    }

    /// Whether `divisor` divides self exactly (0 divides only 0).
    public func isDivisible(by divisor: BigInteger) -> Bool {
        withMPZ { a in divisor.withMPZ { b in __gmpz_divisible_p(a, b) != 0 } }
    }

    /// Greatest common divisor (non-negative; gcd(0, 0) = 0).
    public static func gcd(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        binary(a, b) { __gmpz_gcd($0, $1, $2) }
    }

    /// Least common multiple (non-negative).
    public static func lcm(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        binary(a, b) { __gmpz_lcm($0, $1, $2) }
    }

    /// The integer value of an integral finite double.
    /// Throws `RationalError.notFinite` for NaN/Inf and `RationalError.malformed` for a fractional value.
    public init(exactly value: Double) throws {
        guard value.isFinite else { throw RationalError.notFinite(value) }
        guard value.rounded(.towardZero) == value else {
            throw RationalError.malformed("\(value) is not an integer")
        }
        storage = IntegerStorage.make()
        storage.withUnsafeMutablePointerToElements { __gmpz_set_d($0, value) }  // exact for integral doubles
    }
}
