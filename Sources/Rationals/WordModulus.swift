/// Arithmetic modulo a word-size odd prime p < 2^63, for the multimodular algorithms of this
/// module (`Matrix<Rational>.characteristicPolynomial`). Residues are `UInt64` in 0..<p.
///
/// Two reductions, neither using a hardware division in the hot loops:
/// - `remainder(high:low:)`, `divide(high:low:)`: division of a two-word number by p with a
///   precomputed reciprocal (Möller and Granlund, "Improved division by invariant integers",
///   IEEE Trans. Computers 2011, Algorithm 4 "DIV_2BY1"), on p shifted to have its top bit set.
/// - `multiply(_:by:shoup:)`: Shoup's product with a fixed multiplier u and its precomputed
///   w = floor(u 2^64 / p); for x < 2^64 the estimate q = floor(w x / 2^64) satisfies
///   u x - q p in [0, 2p), and 2p <= 2^64 because p < 2^63, so one conditional subtraction ends it.
@usableFromInline
struct WordModulus: Sendable {
    /// The modulus p (odd, 3 <= p < 2^63).
    @usableFromInline let p: UInt64
    /// Left shift that sets the top bit of p.
    @usableFromInline let shift: UInt64
    /// p << shift (top bit set).
    @usableFromInline let normalized: UInt64
    /// floor((2^128 - 1) / normalized) - 2^64, the Möller-Granlund reciprocal.
    @usableFromInline let reciprocal: UInt64

    @usableFromInline
    init(_ p: UInt64) {
        precondition(p >= 3 && p < 1 << 63 && p & 1 == 1, "WordModulus: need an odd modulus 3 <= p < 2^63")
        self.p = p
        shift = UInt64(p.leadingZeroBitCount)
        normalized = p << shift
        // (2^128 - 1) - 2^64 normalized = (~normalized) 2^64 + (2^64 - 1); the quotient fits a word
        // because ~normalized < normalized.
        reciprocal = normalized.dividingFullWidth((high: ~normalized, low: UInt64.max)).quotient
    }

    /// Quotient and remainder of (high 2^64 + low) / p. Precondition: high < p.
    @inlinable @inline(__always)
    func divide(high: UInt64, low: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        // (u1, u0) = (high, low) << shift; u1 < normalized because high < p.
        let u1 = (high &<< shift) | ((low &>> 1) &>> (63 &- shift))
        let u0 = low &<< shift
        let product = reciprocal.multipliedFullWidth(by: u1)
        let (q0, carry) = product.low.addingReportingOverflow(u0)
        var q1 = product.high &+ u1 &+ (carry ? 1 : 0) &+ 1
        var r = u0 &- q1 &* normalized
        if r > q0 {
            q1 &-= 1
            r &+= normalized
        }
        if r >= normalized {
            q1 &+= 1
            r &-= normalized
        }
        return (q1, r &>> shift)
    }

    /// (high 2^64 + low) mod p for any two words.
    @inlinable @inline(__always)
    func remainder(high: UInt64, low: UInt64) -> UInt64 {
        let h = high < p ? high : divide(high: 0, low: high).remainder
        return divide(high: h, low: low).remainder
    }

    /// x mod p for any word.
    @inlinable @inline(__always)
    func reduce(_ x: UInt64) -> UInt64 {
        x < p ? x : divide(high: 0, low: x).remainder
    }

    /// x mod p in 0..<p for any Int.
    @inlinable @inline(__always)
    func reduce(_ x: Int) -> UInt64 {
        let r = reduce(UInt64(x.magnitude))
        return x >= 0 || r == 0 ? r : p - r
    }

    /// a b mod p; a, b < p.
    @inlinable @inline(__always)
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return divide(high: product.high, low: product.low).remainder  // high < p since a b < p^2
    }

    /// Shoup's precomputed floor(u 2^64 / p) for a multiplier u < p.
    @inlinable @inline(__always)
    func shoup(_ u: UInt64) -> UInt64 {
        divide(high: u, low: 0).quotient
    }

    /// u x mod p with w = shoup(u); any x < 2^64 (see the type's comment).
    @inlinable @inline(__always)
    func multiply(_ x: UInt64, by u: UInt64, shoup w: UInt64) -> UInt64 {
        let q = w.multipliedFullWidth(by: x).high
        return addModulusIfNegative(u &* x &- q &* p &- p)
    }

    /// t + p if t, read as a signed word, is negative, else t: the branch-free end of a modular
    /// operation whose exact result minus p lies in [-p, p) (p < 2^63, so that range is signed).
    @inlinable @inline(__always)
    func addModulusIfNegative(_ t: UInt64) -> UInt64 {
        t &+ (p & UInt64(bitPattern: Int64(bitPattern: t) &>> 63))
    }

    /// a + b mod p; a, b < p (no overflow: 2p < 2^64).
    @inlinable @inline(__always)
    func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        addModulusIfNegative(a &+ b &- p)  // a + b - p in [-p, p)
    }

    /// a - b mod p; a, b < p.
    @inlinable @inline(__always)
    func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        addModulusIfNegative(a &- b)  // a - b in (-p, p)
    }

    /// a^-1 mod p by the extended Euclidean algorithm. Precondition: gcd(a, p) = 1 (a != 0 mod p
    /// for prime p).
    @inlinable
    func inverse(_ a: UInt64) -> UInt64 {
        // Invariants: r0 = t0 a (mod p), r1 = t1 a (mod p), and |t0|, |t1| <= p < 2^63, so the
        // wrapping signed operations are exact. A quotient of 1 (about 41% of the steps, by the
        // Gauss-Kuzmin law) is handled without a hardware division.
        var r0 = p, r1 = reduce(a)
        var t0 = 0, t1 = 1
        while r1 != 0 {
            var q: UInt64 = 1
            var r = r0 &- r1
            if r >= r1 {
                q = r0 / r1
                r = r0 &- q &* r1
            }
            (r0, r1) = (r1, r)
            (t0, t1) = (t1, t0 &- Int(bitPattern: UInt(q)) &* t1)
        }
        precondition(r0 == 1, "WordModulus.inverse: \(a) is not invertible modulo \(p)")
        return t0 < 0 ? UInt64(t0 + Int(p)) : UInt64(t0)
    }

    /// a^e mod p.
    @inlinable
    func power(_ a: UInt64, _ e: UInt64) -> UInt64 {
        var result: UInt64 = 1 % p, base = reduce(a), e = e
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }

    /// Deterministic Miller-Rabin test for an odd n with 3 <= n < 2^63: the bases 2, 3, ..., 37
    /// (the first twelve primes) decide primality for every n < 3.3 * 10^24 (Sorenson and
    /// Webster, Math. Comp. 2017), so the answer is exact.
    @usableFromInline
    static func isPrime(_ n: UInt64) -> Bool {
        let bases: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        if n < 2 { return false }
        for b in bases where n % b == 0 { return n == b }
        if n < 37 * 37 { return true }  // no prime factor <= 37 and n < 37^2
        let field = WordModulus(n)
        var d = n - 1, s = 0
        while d & 1 == 0 { d >>= 1; s += 1 }
        witnesses: for b in bases {
            var x = field.power(b, d)
            if x == 1 || x == n - 1 { continue }
            for _ in 1..<s {
                x = field.multiply(x, x)
                if x == n - 1 { continue witnesses }
            }
            return false
        }
        return true
    }
}

/// The primes of the multimodular characteristic polynomial: the largest primes below 2^62,
/// in decreasing order. Every one exceeds 2^61, so m of them have a product > 2^(61 m).
/// (Below 2^62 so that a sum of eight products of residues plus a folded partial sum stays below
/// 2^128: see `MultimodularCharpoly.dot`.)
@usableFromInline
enum CharpolyPrimes {
    /// Each prime contributes at least this many bits to the CRT modulus.
    @usableFromInline static let bitsPerPrime = 61

    /// The first primes, computed once (thread-safe lazy global).
    @usableFromInline static let cached: [WordModulus] = generate(count: 64, below: 1 << 62)

    /// The first `count` primes (more than the cache holds are generated on demand).
    @usableFromInline
    static func first(_ count: Int) -> [WordModulus] {
        if count <= cached.count { return Array(cached.prefix(count)) }
        return cached + generate(count: count - cached.count, below: cached.last!.p)
    }

    /// `count` consecutive primes below `limit` (exclusive), decreasing; all must exceed 2^61.
    static func generate(count: Int, below limit: UInt64) -> [WordModulus] {
        let small: [UInt64] = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73,
                               79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149]
        var result = [WordModulus]()
        result.reserveCapacity(count)
        var candidate = limit - 1
        if candidate & 1 == 0 { candidate -= 1 }
        while result.count < count {
            precondition(candidate > 1 << 61, "CharpolyPrimes: ran out of primes above 2^61")
            if small.allSatisfy({ candidate % $0 != 0 }) && WordModulus.isPrime(candidate) {
                result.append(WordModulus(candidate))
            }
            candidate -= 2
        }
        return result
    }
}
