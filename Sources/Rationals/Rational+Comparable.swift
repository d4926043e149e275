import CGMP
import CGMPShim

extension Rational: Equatable {
    /// Equality; the representation is canonical, so inline and GMP values never coincide.
    @inlinable
    public static func == (a: Rational, b: Rational) -> Bool {
        switch (a.storage, b.storage) {
        case (nil, nil): return a.smallNumerator == b.smallNumerator && a.smallDenominator == b.smallDenominator
        case (let x?, let y?):
            return x.withUnsafeMutablePointerToElements { px in
                y.withUnsafeMutablePointerToElements { py in __gmpq_equal(px, py) != 0 }
            }
        default: return false
        }
    }
}

extension Rational: Hashable {
    /// Hashes the canonical form (lowest terms, positive denominator, canonical representation).
    public func hash(into hasher: inout Hasher) {
        guard let storage else {
            hasher.combine(smallNumerator)
            hasher.combine(smallDenominator)
            return
        }
        storage.withUnsafeMutablePointerToElements { q in
            for z in [cgmp_mpq_numref_const(q)!, cgmp_mpq_denref_const(q)!] {
                hasher.combine(cgmp_mpz_sgn(z))
                let count = cgmp_mpz_limb_count(z)
                hasher.combine(count)
                for i in 0..<count { hasher.combine(cgmp_mpz_limb(z, i)) }
            }
        }
    }
}

extension Rational: Comparable {
    /// a/b < c/d  <=>  a d < c b (b, d > 0), using full-width products for inline values.
    @inlinable
    public static func < (a: Rational, b: Rational) -> Bool {
        if a.storage == nil && b.storage == nil {
            let lhs = a.smallNumerator.multipliedFullWidth(by: b.smallDenominator)
            let rhs = b.smallNumerator.multipliedFullWidth(by: a.smallDenominator)
            return lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low < rhs.low)
        }
        return a.withMPQ { pa in b.withMPQ { pb in __gmpq_cmp(pa, pb) < 0 } }
    }
}
