import CGMP
import CGMPShim

/// Heap storage owning one GMP integer (`mpz_t`).
///
/// The `__mpz_struct` header lives in the tail allocation of a `ManagedBuffer`, so its address is
/// stable for the lifetime of the object and only one allocation is needed. The header is never
/// copied: copies of a value are made with `mpz_init` + `mpz_set` (see `copy()`), so limbs are
/// never shared. The storage is only mutated while uniquely referenced (copy-on-write in
/// `BigInteger`), which is why `BigInteger` can be `@unchecked Sendable` (ManagedBuffer itself is
/// marked non-Sendable, so the conformance is on the value types).
@usableFromInline
final class IntegerStorage: ManagedBuffer<Void, __mpz_struct> {
    /// A fresh storage holding 0.
    @inlinable
    static func make() -> IntegerStorage {
        let buffer = unsafeDowncast(IntegerStorage.create(minimumCapacity: 1) { _ in () }, to: IntegerStorage.self)
        buffer.withUnsafeMutablePointerToElements { __gmpz_init($0) }
        return buffer
    }

    /// A fresh storage holding a copy of `self` (new limbs).
    @inlinable
    func copy() -> IntegerStorage {
        let result = IntegerStorage.make()
        result.withUnsafeMutablePointerToElements { r in
            withUnsafeMutablePointerToElements { s in __gmpz_set(r, s) }
        }
        return result
    }

    deinit {
        withUnsafeMutablePointerToElements { __gmpz_clear($0) }
    }
}
