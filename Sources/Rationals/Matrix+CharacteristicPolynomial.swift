import CGMP
import CGMPShim

extension Matrix where Scalar == Rational {
    /// Coefficients c_0 ... c_n of det(t I - A) in ASCENDING powers of t (c_n = 1), exactly.
    /// Precondition: square.
    ///
    /// Multimodular algorithm (the approach of FLINT's `fmpz_mat_charpoly`), deterministic and exact:
    /// 1. Clear denominators: B = L A with L the lcm of the entries' denominators, an integer matrix;
    ///    det(t I - A) = L^-n det((L t) I - B), so c_k(A) = c_k(B) / L^(n - k).
    /// 2. A proven bound |c_k(B)| < 2^b for every k (`ClearedDenominatorMatrix.coefficientBoundBits`).
    /// 3. For the primes p_1 > p_2 > ... just below 2^62 (each > 2^61), m of them with
    ///    61 m >= b + 1, so that M = p_1 ... p_m > 2^(b+1):
    ///    det(t I - B) mod p by a similarity reduction of B mod p to upper Hessenberg form and the
    ///    Hessenberg recurrence, O(n^3) word operations per prime (`MultimodularCharpoly.residues`).
    ///    Every prime is good: the reduction works over any field (a column with no nonzero entry
    ///    below the subdiagonal is already reduced; otherwise a row/column swap brings a nonzero
    ///    pivot up), and det(t I - B) mod p = det(t I - (B mod p)).
    /// 4. Chinese remaindering (Garner's mixed-radix form in word arithmetic and one GMP Horner
    ///    pass per coefficient; a product tree when there are many primes) gives c_k(B) mod M, and
    ///    the symmetric representative in (-M/2, M/2) is c_k(B) itself because |c_k(B)| < 2^b < M/2.
    ///
    /// Nothing is probabilistic and nothing is checked afterwards: the bound is proven, and every
    /// prime gives the true residue. Measured against python-flint's `fmpq_mat.charpoly` on
    /// 16 x 16 and 32 x 32 matrices with entries p/q, |p|, q <= 9: about 0.8-0.9x its time
    /// (Benchmarks/run.sh --charpoly).
    public var characteristicPolynomial: [Rational] {
        precondition(isSquare, "Matrix.characteristicPolynomial of a non-square \(rows) x \(columns) matrix")
        return multimodularCharacteristicPolynomial
    }

    /// See `characteristicPolynomial` (the `Rational` overload).
    @usableFromInline
    var multimodularCharacteristicPolynomial: [Rational] {
        let n = rows
        if n == 0 { return [1] }
        let b = ClearedDenominatorMatrix(self)
        let primes = CharpolyPrimes.first(MultimodularCharpoly.primeCount(boundBits: b.coefficientBoundBits))
        let residues = MultimodularCharpoly.residues(of: b, primes: primes)
        return MultimodularCharpoly.reconstruct(residues: residues, primes: primes, n: n, scale: b.scale)
    }
}

/// B = L A for a rational matrix A, with L the lcm of the denominators: integer entries, held in
/// machine words when they all fit (the common case), else in GMP integers.
@usableFromInline
struct ClearedDenominatorMatrix {
    /// Order n of the square matrix.
    let n: Int
    /// B row-major when every entry of B and L fit an Int; nil otherwise.
    let words: [Int]?
    /// B row-major when `words` is nil.
    let big: [BigInteger]
    /// L, or nil when L = 1 (A is an integer matrix).
    let scale: BigInteger?

    @usableFromInline
    init(_ a: Matrix<Rational>) {
        precondition(a.isSquare)
        n = a.rows
        if let (l, words) = Self.wordEntries(a.elements) {
            self.words = words
            big = []
            scale = l == 1 ? nil : BigInteger(l)
            return
        }
        words = nil
        var l = BigInteger(1)
        for x in a.elements where !x.isInteger { l = BigInteger.lcm(l, x.denominator) }
        big = a.elements.map { x in
            x.isInteger ? x.numerator * l : x.numerator * l.quotientAndRemainder(dividingBy: x.denominator).quotient
        }
        scale = l == 1 ? nil : l
    }

    /// (L, B) in machine words, or nil if an entry is not inline or L or an entry of B overflows.
    static func wordEntries(_ elements: [Rational]) -> (Int, [Int])? {
        var l = 1
        for x in elements {
            if x.storage != nil { return nil }
            let d = x.smallDenominator
            if d != 1 && l % d != 0 {
                let g = Int(Rational.gcd(UInt(l), UInt(d)))
                let (next, overflow) = (l / g).multipliedReportingOverflow(by: d)
                if overflow { return nil }
                l = next
            }
        }
        var words = [Int]()
        words.reserveCapacity(elements.count)
        var lastDenominator = 1, lastFactor = l  // L / lastDenominator
        for x in elements {
            let d = x.smallDenominator
            if d != lastDenominator {
                lastDenominator = d
                lastFactor = l / d
            }
            let (entry, overflow) = x.smallNumerator.multipliedReportingOverflow(by: lastFactor)
            if overflow { return nil }
            words.append(entry)
        }
        return (l, words)
    }

    /// A proven bound: every coefficient of det(t I - B) is less than 2^coefficientBoundBits in
    /// absolute value.
    ///
    /// Derivation. det(t I - B) = sum_k (-1)^k E_k t^(n-k), where E_k is the sum of the principal
    /// k x k minors det B[S, S] over the k-subsets S of the indices (expand the determinant
    /// multilinearly in the columns of t I and -B). Hadamard's inequality bounds a minor by the
    /// product of the Euclidean norms of its rows, and a row of B[S, S] is part of a row of B:
    /// |det B[S, S]| <= prod_{i in S} r_i with r_i = |row i of B|_2. Hence
    /// |E_k| <= e_k(r_1, ..., r_n) (the elementary symmetric polynomial) <= sum_j e_j(r) =
    /// prod_i (1 + r_i). The same holds with column norms (det B[S, S] = det B[S, S]^T), so every
    /// coefficient is at most H = min(prod_i (1 + r_i), prod_j (1 + c_j)).
    ///
    /// Evaluation. The sums of squares r_i^2 are exact integers (three machine words, or GMP);
    /// they are turned into floating-point UPPER bounds and every later floating-point operation
    /// (square root, +, *) is followed by `nextUp`: for round-to-nearest, the true result of an
    /// operation on representable operands is <= the next representable number above the rounded
    /// one. Exponents are kept in an Int (the significand renormalised to [1, 2) after every
    /// product), so nothing overflows. `Log2UpperBound` holds the details.
    @usableFromInline
    var coefficientBoundBits: Int {
        var rowBound = Log2UpperBound(), columnBound = Log2UpperBound()
        if let words {
            var rowSums = [SquareSum](repeating: SquareSum(), count: n)
            var columnSums = [SquareSum](repeating: SquareSum(), count: n)
            for i in 0..<n {
                for j in 0..<n {
                    let m = UInt64(words[i * n + j].magnitude)
                    if m == 0 { continue }
                    let square = m.multipliedFullWidth(by: m)
                    rowSums[i].add(square)
                    columnSums[j].add(square)
                }
            }
            for s in rowSums { rowBound.multiply(byOnePlusSquareRootOf: s.upperBound) }
            for s in columnSums { columnBound.multiply(byOnePlusSquareRootOf: s.upperBound) }
        } else {
            for i in 0..<n {
                var row = BigInteger(0), column = BigInteger(0)
                for j in 0..<n {
                    row += big[i * n + j] * big[i * n + j]
                    column += big[j * n + i] * big[j * n + i]
                }
                rowBound.multiply(byOnePlusSquareRootOf: Self.upperBound(row))
                columnBound.multiply(byOnePlusSquareRootOf: Self.upperBound(column))
            }
        }
        return min(rowBound.bits, columnBound.bits)
    }

    /// (m, e) with 0 <= x <= m 2^e for a non-negative integer x; m = 0 exactly when x = 0.
    static func upperBound(_ x: BigInteger) -> (mantissa: Double, exponent: Int) {
        if x.isZero { return (0, 0) }
        var exponent = 0
        // mpz_get_d_2exp truncates: x = (d + delta) 2^e with d in [0.5, 1) carrying 53 bits and
        // 0 <= delta < 2^-53 = ulp(d), so x <= nextUp(d) 2^e.
        let d = x.withMPZ { __gmpz_get_d_2exp(&exponent, $0) }
        return (d.nextUp, exponent)
    }
}

/// An exact sum of squares of machine words in three words (each square < 2^128; n < 2^64 terms).
struct SquareSum {
    var w2: UInt64 = 0, w1: UInt64 = 0, w0: UInt64 = 0

    mutating func add(_ square: (high: UInt64, low: UInt64)) {
        let (low, c0) = w0.addingReportingOverflow(square.low)
        w0 = low
        let (mid, c1) = w1.addingReportingOverflow(square.high)
        let (mid2, c2) = mid.addingReportingOverflow(c0 ? 1 : 0)
        w1 = mid2
        w2 &+= (c1 ? 1 : 0) + (c2 ? 1 : 0)
    }

    /// (m, 0) with the sum <= m, m = 0 exactly when the sum is 0.
    var upperBound: (mantissa: Double, exponent: Int) {
        if w2 == 0 && w1 == 0 && w0 == 0 { return (0, 0) }
        // Double(UInt64) rounds to nearest, so nextUp gives an upper bound; scaling by 2^64 and
        // 2^128 is exact; each sum is followed by nextUp.
        let t2 = Double(w2).nextUp * 0x1p128, t1 = Double(w1).nextUp * 0x1p64, t0 = Double(w0).nextUp
        return (((t2 + t1).nextUp + t0).nextUp, 0)
    }
}

/// An upper bound P 2^E on a product of positive reals, P in [1, 2), rounded upwards throughout.
struct Log2UpperBound {
    var significand = 1.0
    var exponent = 0

    /// Multiplies the bound by an upper bound of 1 + sqrt(S), given S <= m 2^e (S >= 0 an integer;
    /// m = 0 means S = 0, a factor 1).
    mutating func multiply(byOnePlusSquareRootOf s: (mantissa: Double, exponent: Int)) {
        guard s.mantissa > 0 else { return }
        // S <= mm 2^ee with mm in [1, 4) and ee even (exact rescalings by powers of two).
        var mm = s.mantissa.significand
        var ee = s.exponent + Int(s.mantissa.exponent)
        if ee & 1 != 0 {
            mm *= 2
            ee -= 1
        }
        let h = ee / 2
        // sqrt(S) <= sqrt(mm) 2^h <= r 2^h with r = nextUp(fl(sqrt(mm))) (IEEE sqrt is correctly
        // rounded), and 1 + sqrt(S) <= (r + 2^-h) 2^h. 2^-h is replaced by a power of two >= it
        // that is a normal double (h >= -1 because S >= 1 forces mm 2^ee >= 1).
        let r = mm.squareRoot().nextUp
        let tiny = Double(sign: .plus, exponent: max(-h, -1022), significand: 1)
        let factor = (r + tiny).nextUp
        let product = (significand * factor).nextUp
        exponent += h + Int(product.exponent)
        significand = product.significand
    }

    /// b with (the bounded product) < 2^b: P 2^E < 2^(E + 1) because P < 2.
    var bits: Int { exponent + 1 }
}

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

/// Chinese remaindering by a product tree: level 0 holds the primes, level l + 1 the products of
/// adjacent pairs of level l (an odd one out moves up unchanged). Residues x_a mod M_a and
/// x_b mod M_b of a pair combine to x = x_a + M_a ((x_b - x_a) (M_a^-1 mod M_b) mod M_b), the
/// residue mod M_a M_b (x = x_a mod M_a, and x = x_a + (x_b - x_a) = x_b mod M_b); by induction the
/// root gives x mod M in [0, M). The products and inverses are computed once for all coefficients;
/// each combination is a few GMP multiplications, so one coefficient costs O(M(size) log m)
/// instead of Garner's m^2 / 2 word operations.
struct CRTTree {
    /// moduli[l][i]: the product of the primes under node i of level l.
    let moduli: [[BigInteger]]
    /// inverses[l][i] = moduli[l][2i]^-1 mod moduli[l][2i+1].
    let inverses: [[BigInteger]]

    init(_ primes: [WordModulus]) {
        var level = primes.map { BigInteger(Int($0.p)) }
        var moduli = [level], inverses = [[BigInteger]]()
        while level.count > 1 {
            var next = [BigInteger](), inverse = [BigInteger]()
            var i = 0
            while i + 1 < level.count {
                next.append(level[i] * level[i + 1])
                let (a, b) = (level[i], level[i + 1])
                inverse.append(BigInteger.make { r in
                    a.withMPZ { pa in b.withMPZ { pb in
                        // Distinct primes: the products are coprime, so the inverse exists.
                        precondition(__gmpz_invert(r, pa, pb) != 0, "CRTTree: moduli not coprime")
                    } }
                })
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            moduli.append(next)
            inverses.append(inverse)
            level = next
        }
        self.moduli = moduli
        self.inverses = inverses
    }

    /// M, the product of all the primes.
    var modulus: BigInteger { moduli[moduli.count - 1][0] }

    /// The x in [0, M) with x = residues[s] mod p_s for every s (residues[s] in [0, p_s)).
    func combine(_ residues: [BigInteger]) -> BigInteger {
        var x = residues
        for l in 0..<inverses.count {
            var next = [BigInteger]()
            next.reserveCapacity((x.count + 1) / 2)
            var i = 0
            while i + 1 < x.count {
                let product = (x[i + 1] - x[i]) * inverses[l][i / 2]
                let t = BigInteger.binary(product, moduli[l][i + 1]) { __gmpz_fdiv_r($0, $1, $2) }  // in [0, M_b)
                next.append(x[i] + moduli[l][i] * t)
                i += 2
            }
            if i < x.count { next.append(x[i]) }
            x = next
        }
        return x[0]
    }
}
