import CGMP

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
