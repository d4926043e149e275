import CGMP
import CGMPShim

extension BigInteger {
    /// Sum.
    @inlinable
    public static func + (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b) { __gmpz_add($0, $1, $2) } }
    /// Difference.
    @inlinable
    public static func - (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b) { __gmpz_sub($0, $1, $2) } }
    /// Product.
    @inlinable
    public static func * (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b) { __gmpz_mul($0, $1, $2) } }
    /// In-place sum (safe when rhs is lhs).
    @inlinable
    public static func += (a: inout BigInteger, b: BigInteger) { binaryInPlace(&a, b) { __gmpz_add($0, $1, $2) } }
    /// In-place difference (safe when rhs is lhs).
    @inlinable
    public static func -= (a: inout BigInteger, b: BigInteger) { binaryInPlace(&a, b) { __gmpz_sub($0, $1, $2) } }
    /// In-place product (safe when rhs is lhs).
    @inlinable
    public static func *= (a: inout BigInteger, b: BigInteger) { binaryInPlace(&a, b) { __gmpz_mul($0, $1, $2) } }

    /// Negation.
    @inlinable
    public static prefix func - (a: BigInteger) -> BigInteger {
        make { r in a.withMPZ { __gmpz_neg(r, $0) } }
    }

    /// Negates in place.
    @inlinable
    public mutating func negate() {
        makeUnique()
        storage.withUnsafeMutablePointerToElements { __gmpz_neg($0, $0) }
    }

    /// |self|.
    @inlinable
    public var magnitude: BigInteger {
        signum >= 0 ? self : -self
    }
}
