import CGMP
import CGMPShim

extension Rational {
    /// GMP operation `op(result, a, b)` into a fresh rational (one allocation, no copies).
    @inlinable
    static func binary(
        _ a: Rational, _ b: Rational,
        _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void
    ) -> Rational {
        let result = RationalStorage.makeForResult()
        result.withUnsafeMutablePointerToElements { r in
            a.withMPQ { pa in b.withMPQ { pb in op(r, pa, pb) } }
        }
        return Rational(storage: result)
    }

    /// In-place GMP operation `lhs = op(lhs, rhs)` when lhs owns its storage uniquely. GMP allows
    /// the output to alias an input, and all pointers come from storage objects or stack views
    /// (no Swift inout borrows of the same variable), so `a += a` is safe.
    @inlinable
    static func binaryInPlace(
        _ lhs: inout Rational, _ rhs: Rational,
        _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void
    ) {
        if lhs.storage != nil && isKnownUniquelyReferenced(&lhs.storage) {
            let storage = lhs.storage!
            storage.withUnsafeMutablePointerToElements { l in rhs.withMPQ { r in op(l, l, r) } }
            lhs = Rational(storage: storage)  // back to inline if the result fits
        } else {
            lhs = binary(lhs, rhs, op)
        }
    }

    /// Inline a/b + c/d (Knuth 4.5.1): with g = gcd(b, d), t = a (d/g) + c (b/g) and
    /// g2 = gcd(t, g), the sum is (t/g2) / ((b/g)(d/g2)) in lowest terms. nil on overflow.
    @inlinable
    static func smallSum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        let g = Int(gcd(UInt(b), UInt(d)))
        if g == 1 {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (t, o3) = ad.addingReportingOverflow(cb)
            let (bd, o4) = b.multipliedReportingOverflow(by: d)
            if o1 || o2 || o3 || o4 || t == .min { return nil }
            return Rational(small: t, bd)
        }
        let bg = b / g, dg = d / g
        let (ad, o1) = a.multipliedReportingOverflow(by: dg)
        let (cb, o2) = c.multipliedReportingOverflow(by: bg)
        let (t, o3) = ad.addingReportingOverflow(cb)
        if o1 || o2 || o3 || t == .min { return nil }
        let g2 = Int(gcd(t.magnitude, UInt(g)))
        let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
        if o4 { return nil }
        return Rational(small: t / g2, den)
    }

    /// Inline (a/b)(c/d) = ((a/g1)(c/g2)) / ((b/g2)(d/g1)) with g1 = gcd(a, d), g2 = gcd(c, b).
    /// nil on overflow.
    @inlinable
    static func smallProduct(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if a == 0 || c == 0 { return Rational(small: 0, 1) }
        let g1 = Int(gcd(a.magnitude, UInt(d))), g2 = Int(gcd(c.magnitude, UInt(b)))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (m, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        if o1 || o2 || n == .min { return nil }
        return Rational(small: n, m)
    }

    /// Sum.
    @inlinable
    public static func + (a: Rational, b: Rational) -> Rational {
        if a.storage == nil, b.storage == nil,
           let r = smallSum(a.smallNumerator, a.smallDenominator, b.smallNumerator, b.smallDenominator) {
            return r
        }
        return binary(a, b) { __gmpq_add($0, $1, $2) }
    }

    /// Difference.
    @inlinable
    public static func - (a: Rational, b: Rational) -> Rational {
        if a.storage == nil, b.storage == nil,
           let r = smallSum(a.smallNumerator, a.smallDenominator, -b.smallNumerator, b.smallDenominator) {
            return r
        }
        return binary(a, b) { __gmpq_sub($0, $1, $2) }
    }

    /// Product.
    @inlinable
    public static func * (a: Rational, b: Rational) -> Rational {
        if a.storage == nil, b.storage == nil,
           let r = smallProduct(a.smallNumerator, a.smallDenominator, b.smallNumerator, b.smallDenominator) {
            return r
        }
        return binary(a, b) { __gmpq_mul($0, $1, $2) }
    }

    /// Quotient; precondition b != 0 (use `divided(by:)` for a thrown error).
    @inlinable
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        if a.storage == nil, b.storage == nil {
            // c/d inverted is (±d)/(|c|); both negations are safe since no inline part is Int.min.
            let c = b.smallNumerator, d = b.smallDenominator
            if let r = smallProduct(a.smallNumerator, a.smallDenominator, c < 0 ? -d : d, c < 0 ? -c : c) {
                return r
            }
        }
        return binary(a, b) { __gmpq_div($0, $1, $2) }
    }

    /// In-place sum (safe when rhs is lhs).
    @inlinable
    public static func += (a: inout Rational, b: Rational) {
        if a.storage == nil && b.storage == nil { a = a + b } else { binaryInPlace(&a, b) { __gmpq_add($0, $1, $2) } }
    }
    /// In-place difference (safe when rhs is lhs).
    @inlinable
    public static func -= (a: inout Rational, b: Rational) {
        if a.storage == nil && b.storage == nil { a = a - b } else { binaryInPlace(&a, b) { __gmpq_sub($0, $1, $2) } }
    }
    /// In-place product (safe when rhs is lhs).
    @inlinable
    public static func *= (a: inout Rational, b: Rational) {
        if a.storage == nil && b.storage == nil { a = a * b } else { binaryInPlace(&a, b) { __gmpq_mul($0, $1, $2) } }
    }
    /// In-place quotient; precondition b != 0.
    @inlinable
    public static func /= (a: inout Rational, b: Rational) {
        precondition(!b.isZero, "Rational division by zero")
        if a.storage == nil && b.storage == nil { a = a / b } else { binaryInPlace(&a, b) { __gmpq_div($0, $1, $2) } }
    }

    /// Negation.
    @inlinable
    public static prefix func - (a: Rational) -> Rational {
        if a.storage == nil { return Rational(small: -a.smallNumerator, a.smallDenominator) }
        return make { r in a.withMPQ { __gmpq_neg(r, $0) } }
    }

    /// Negates in place.
    @inlinable
    public mutating func negate() {
        if storage == nil {
            smallNumerator = -smallNumerator  // never overflows: smallNumerator != Int.min
            return
        }
        if !isKnownUniquelyReferenced(&storage) { storage = storage!.copy() }
        storage!.withUnsafeMutablePointerToElements { __gmpq_neg($0, $0) }
    }

    /// |self|.
    @inlinable
    public var magnitude: Rational {
        signum >= 0 ? self : -self
    }
}
