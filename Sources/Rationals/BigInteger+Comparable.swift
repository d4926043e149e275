import CGMP
import CGMPShim

extension BigInteger: Equatable {
    @inlinable
    public static func == (a: BigInteger, b: BigInteger) -> Bool {
        a.withMPZ { pa in b.withMPZ { pb in __gmpz_cmp(pa, pb) == 0 } }
    }
}

extension BigInteger: Hashable {
    /// Hashes the sign and the limbs of |self| (the representation is canonical).
    public func hash(into hasher: inout Hasher) {
        withMPZ { z in
            hasher.combine(cgmp_mpz_sgn(z))
            let count = cgmp_mpz_limb_count(z)
            hasher.combine(count)
            for i in 0..<count { hasher.combine(cgmp_mpz_limb(z, i)) }
        }
    }
}

extension BigInteger: Comparable {
    @inlinable
    public static func < (a: BigInteger, b: BigInteger) -> Bool {
        a.withMPZ { pa in b.withMPZ { pb in __gmpz_cmp(pa, pb) < 0 } }
    }
}
