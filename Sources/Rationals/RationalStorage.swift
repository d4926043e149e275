import CGMP
import CGMPShim

/// Heap storage owning one GMP rational (`mpq_t`) for a `Rational` too large to be stored inline.
/// GMP keeps it canonical (lowest terms, positive denominator). Same ownership rules as
/// `IntegerStorage`: tail-allocated header (one allocation, stable address), copies via
/// `mpq_init` + `mpq_set`, mutation only when uniquely referenced, `mpq_clear` in deinit.
@usableFromInline
final class RationalStorage: ManagedBuffer<Void, __mpq_struct> {
    /// A fresh storage holding 0/1.
    @inlinable
    static func make() -> RationalStorage {
        let buffer = unsafeDowncast(RationalStorage.create(minimumCapacity: 1) { _ in () }, to: RationalStorage.self)
        buffer.withUnsafeMutablePointerToElements { __gmpq_init($0) }
        return buffer
    }

    /// A fresh storage holding 0/1 with room for two limbs in numerator and denominator, used
    /// for results: GMP writes results of small operands there without reallocating.
    @inlinable
    static func makeForResult() -> RationalStorage {
        let buffer = unsafeDowncast(RationalStorage.create(minimumCapacity: 1) { _ in () }, to: RationalStorage.self)
        buffer.withUnsafeMutablePointerToElements { cgmp_mpq_init_limbs($0, 2) }
        return buffer
    }

    /// A fresh storage holding a copy of `self` (new limbs).
    @inlinable
    func copy() -> RationalStorage {
        let result = RationalStorage.make()
        result.withUnsafeMutablePointerToElements { r in
            withUnsafeMutablePointerToElements { s in __gmpq_set(r, s) }
        }
        return result
    }

    deinit {
        withUnsafeMutablePointerToElements { __gmpq_clear($0) }
    }
}
