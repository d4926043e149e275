import CGMP
import CGMPShim

/// The modular and Chinese-remaindering parts of `Matrix<Rational>.characteristicPolynomial`.
@usableFromInline
enum MultimodularCharpoly {
    /// Number of primes > 2^61 whose product exceeds 2^(boundBits + 1) >= 2 * (the coefficient
    /// bound), so that the symmetric residue is the coefficient: m with 61 m >= boundBits + 1.
    @usableFromInline
    static func primeCount(boundBits: Int) -> Int {
        let needed = max(boundBits, 0) + 1
        return max(1, (needed + CharpolyPrimes.bitsPerPrime - 1) / CharpolyPrimes.bitsPerPrime)
    }

    /// Row-major residues[s * (n + 1) + k] = coefficient of t^k of det(t I - B) mod primes[s].
    @usableFromInline
    static func residues(of b: ClearedDenominatorMatrix, primes: [WordModulus]) -> [UInt64] {
        let n = b.n
        var residues = [UInt64](repeating: 0, count: primes.count * (n + 1))
        // Work buffers shared by all primes.
        let matrix = UnsafeMutablePointer<UInt64>.allocate(capacity: n * n)
        let polynomials = UnsafeMutablePointer<UInt64>.allocate(capacity: (n + 1) * (n + 1))
        let multipliers = UnsafeMutablePointer<UInt64>.allocate(capacity: n + 1)
        let indices = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer {
            matrix.deallocate()
            polynomials.deallocate()
            multipliers.deallocate()
            indices.deallocate()
        }
        residues.withUnsafeMutableBufferPointer { out in
            for (s, field) in primes.enumerated() {
                if let words = b.words {
                    words.withUnsafeBufferPointer { w in
                        for index in 0..<(n * n) { matrix[index] = field.reduce(w[index]) }
                    }
                } else {
                    for index in 0..<(n * n) {
                        matrix[index] = UInt64(b.big[index].withMPZ { __gmpz_fdiv_ui($0, UInt(field.p)) })
                    }
                }
                characteristicPolynomial(field, matrix, n, polynomials, multipliers, indices,
                                         result: out.baseAddress! + s * (n + 1))
            }
        }
        return residues
    }

    /// sum_i x(i) y(i) + initial mod p over i in 0..<count, x(i), y(i), initial < p < 2^62: the
    /// products (< 2^124) are summed in two words, and the high word is reduced mod p after every
    /// eight, so the running sum stays below p 2^64 + 8 * 2^124 < 2^128.
    @inlinable @inline(__always)
    static func dot(_ field: WordModulus, initial: UInt64, count: Int,
                    _ x: (Int) -> UInt64, _ y: (Int) -> UInt64) -> UInt64 {
        var high: UInt64 = 0, low = initial
        var i = 0
        while i < count {
            let end = min(i + 8, count)
            while i < end {
                let product = x(i).multipliedFullWidth(by: y(i))
                let (sum, carry) = low.addingReportingOverflow(product.low)
                low = sum
                high &+= product.high &+ (carry ? 1 : 0)
                i += 1
            }
            if high >= field.p { high = field.divide(high: 0, low: high).remainder }
        }
        return field.divide(high: high, low: low).remainder
    }

    /// det(t I - H) mod p in ascending powers into result[0...n], for the n x n row-major matrix
    /// `a` (entries < p; overwritten). Work: `polynomials` (n + 1)^2, `multipliers` n + 1,
    /// `indices` n.
    ///
    /// Hessenberg reduction: for k = 0 ..< n - 2, bring a nonzero entry of column k below row k
    /// to row k + 1 (swap rows r and k + 1 and columns r and k + 1, a permutation similarity; if
    /// there is none the column is already reduced), then for every row i > k + 1 with
    /// u_i = a_ik / a_(k+1)k: row_i -= u_i row_(k+1) for all such i, then
    /// column_(k+1) += sum_i u_i column_i. That is A <- L^-1 A L with
    /// L = I + sum_i u_i e_i e_(k+1)^T (the elementary factors commute because
    /// e_(k+1)^T e_i = 0), a similarity that zeroes column k below row k + 1 and leaves
    /// columns < k alone.
    ///
    /// Recurrence (H upper Hessenberg, P_m the charpoly of its leading m x m block, P_0 = 1):
    /// P_(m+1)(t) = t P_m(t) - sum_(i=0...m) f_i P_i(t) with f_m = h_mm and
    /// f_i = h_im prod_(j=i+1...m) h_(j,j-1) for i < m (expansion along the last column).
    @usableFromInline
    static func characteristicPolynomial(
        _ field: WordModulus, _ a: UnsafeMutablePointer<UInt64>, _ n: Int,
        _ polynomials: UnsafeMutablePointer<UInt64>, _ multipliers: UnsafeMutablePointer<UInt64>,
        _ indices: UnsafeMutablePointer<Int>, result: UnsafeMutablePointer<UInt64>
    ) {
        precondition(field.p < 1 << 62, "MultimodularCharpoly: the lazy dot products need p < 2^62")
        if n > 2 {
            for k in 0..<(n - 2) {
                var pivot = k + 1
                while pivot < n && a[pivot * n + k] == 0 { pivot += 1 }
                if pivot == n { continue }
                let next = k + 1
                if pivot != next {
                    for j in 0..<n { swap(&a[pivot * n + j], &a[next * n + j]) }
                    for i in 0..<n { swap(&a[i * n + pivot], &a[i * n + next]) }
                }
                let inverse = field.inverse(a[next * n + k])
                let inverseShoup = field.shoup(inverse)
                var count = 0
                let pivotRow = a + next * n
                for i in (k + 2)..<n {
                    let x = a[i * n + k]
                    if x == 0 { continue }
                    let u = field.multiply(x, by: inverse, shoup: inverseShoup)
                    let uShoup = field.shoup(u)
                    let row = a + i * n
                    row[k] = 0
                    for j in next..<n {
                        row[j] = field.subtract(row[j], field.multiply(pivotRow[j], by: u, shoup: uShoup))
                    }
                    multipliers[count] = u
                    indices[count] = i
                    count += 1
                }
                if count > 0 {
                    for r in 0..<n {
                        let row = a + r * n
                        row[next] = dot(field, initial: row[next], count: count,
                                        { multipliers[$0] }, { row[indices[$0]] })
                    }
                }
            }
        }

        // polynomials[d * (n + 1) + i] = coefficient of t^d in P_i (transposed, so that the sum
        // over i for a fixed d is contiguous).
        let stride = n + 1
        polynomials[0] = 1
        for m in 0..<n {
            multipliers[m] = a[m * n + m]
            var product: UInt64 = 1
            var i = m - 1
            while i >= 0 {
                product = field.multiply(product, a[(i + 1) * n + i])
                if product == 0 { break }
                multipliers[i] = field.multiply(a[i * n + m], product)
                i -= 1
            }
            while i >= 0 {  // a zero subdiagonal entry: P_(m+1) only involves the blocks below it
                multipliers[i] = 0
                i -= 1
            }
            for d in 0...(m + 1) {
                let shifted = d >= 1 ? polynomials[(d - 1) * stride + m] : 0  // t P_m
                var sum: UInt64 = 0
                if d <= m {
                    let column = polynomials + d * stride
                    sum = dot(field, initial: 0, count: m - d + 1, { multipliers[d + $0] }, { column[d + $0] })
                }
                polynomials[d * stride + m + 1] = field.subtract(shifted, sum)
            }
        }
        for d in 0...n { result[d] = polynomials[d * stride + n] }
    }

    /// Above this many primes the coefficients are rebuilt with a product tree (`CRTTree`) rather
    /// than Garner's algorithm, whose word tables and work grow like the square of the count.
    @usableFromInline static let garnerPrimeLimit = 96

    /// The coefficients c_k(A) = c_k(B) / L^(n - k) from the residues of c_k(B) (see
    /// `characteristicPolynomial`), then the symmetric representative of each c_k(B) modulo
    /// M = p_0 ... p_(m-1). Up to `garnerPrimeLimit` primes (or with `tree: false`): Garner's mixed
    /// radix digits v_s in word arithmetic and c = v_0 + p_0 (v_1 + p_1 (v_2 + ...)) in GMP;
    /// beyond (or with `tree: true`): pairwise combination up a product tree in GMP.
    @usableFromInline
    static func reconstruct(residues: [UInt64], primes: [WordModulus], n: Int, scale: BigInteger?,
                            tree: Bool? = nil) -> [Rational] {
        let m = primes.count
        let crtTree = tree ?? (m > garnerPrimeLimit) ? CRTTree(primes) : nil
        // Garner: inverses[s] = (p_0 ... p_(s-1))^-1 mod p_s; reduced[s * m + t] = p_t mod p_s (t < s).
        var inverses = [UInt64](), reduced = [UInt64]()
        if crtTree == nil {
            inverses = [UInt64](repeating: 1, count: m)
            reduced = [UInt64](repeating: 0, count: m * m)
            for s in 0..<m {
                let field = primes[s]
                var product: UInt64 = 1
                for t in 0..<s {
                    reduced[s * m + t] = field.reduce(primes[t].p)
                    product = field.multiply(product, reduced[s * m + t])
                }
                inverses[s] = field.inverse(product)
            }
        }

        let z = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 4)
        let (value, modulus, half, power) = (z, z + 1, z + 2, z + 3)
        for index in 0..<4 { __gmpz_init(z + index) }
        defer {
            for index in 0..<4 { __gmpz_clear(z + index) }
            z.deallocate()
        }
        if let crtTree {
            crtTree.modulus.withMPZ { __gmpz_set(modulus, $0) }
        } else {
            __gmpz_set_ui(modulus, 1)
            for field in primes { __gmpz_mul_ui(modulus, modulus, UInt(field.p)) }
        }
        __gmpz_fdiv_q_2exp(half, modulus, 1)
        __gmpz_set_ui(power, 1)  // L^(n - k), from k = n down

        var digits = [UInt64](repeating: 0, count: m)
        var result = [Rational](repeating: 0, count: n + 1)
        for k in stride(from: n, through: 0, by: -1) {
            if let crtTree {
                let x = crtTree.combine((0..<m).map { BigInteger(Int(residues[$0 * (n + 1) + k])) })
                x.withMPZ { __gmpz_set(value, $0) }
            } else {
                for s in 0..<m {
                    let field = primes[s]
                    let r = residues[s * (n + 1) + k]
                    if s == 0 {
                        digits[0] = r
                        continue
                    }
                    // (v_0 + p_0 v_1 + ... + p_0 ... p_(s-2) v_(s-1)) mod p_s by Horner.
                    var acc = field.reduce(digits[s - 1])
                    var t = s - 2
                    while t >= 0 {
                        acc = field.add(field.multiply(acc, reduced[s * m + t]), field.reduce(digits[t]))
                        t -= 1
                    }
                    digits[s] = field.multiply(field.subtract(r, acc), inverses[s])
                }
                __gmpz_set_ui(value, UInt(digits[m - 1]))
                var s = m - 2
                while s >= 0 {
                    __gmpz_mul_ui(value, value, UInt(primes[s].p))
                    __gmpz_add_ui(value, value, UInt(digits[s]))
                    s -= 1
                }
            }
            if __gmpz_cmp(value, half) > 0 { __gmpz_sub(value, value, modulus) }
            if let scale {
                result[k] = Rational.make { q in
                    __gmpz_set(cgmp_mpq_numref(q), value)
                    __gmpz_set(cgmp_mpq_denref(q), power)
                    __gmpq_canonicalize(q)
                }
                scale.withMPZ { __gmpz_mul(power, power, $0) }
            } else {
                result[k] = Rational.make { q in __gmpq_set_z(q, value) }
            }
        }
        return result
    }
}
