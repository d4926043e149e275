import Foundation
import RealModule
import Testing
@testable import Rationals
import TestSupport

/// The exact multimodular characteristic polynomial of `Matrix<Rational>` (Hessenberg reduction
/// modulo word-size primes, Chinese remaindering against a proven bound), checked against the
/// plain rational Berkowitz recursion (`berkowitzCharacteristicPolynomial`, an independent
/// algorithm), against identities, and against polynomials known by construction.
@Suite struct CharacteristicPolynomialTests {
    enum Kind: CaseIterable {
        case smallRationals, integers, zero, diagonal, upperTriangular, lowRank, repeatedRow, sparse,
             bigRationals, nearWordLimits, overflowingDenominators, negativeMultiples, permutation
    }

    /// A random n x n matrix of the given kind.
    static func matrix(_ kind: Kind, _ n: Int, _ g: inout SplitMix64) -> Matrix<Rational> {
        func fill(_ entry: (inout SplitMix64) -> Rational) -> Matrix<Rational> {
            Matrix(rows: n, columns: n, uncheckedElements: (0..<(n * n)).map { _ in entry(&g) })
        }
        switch kind {
        case .smallRationals:
            return fill { $0.smallRational() }
        case .integers:
            return fill { Rational(Int.random(in: -1000...1000, using: &$0)) }
        case .zero:
            return Matrix(rows: n, columns: n, repeating: 0)
        case .diagonal:
            return .diagonal((0..<n).map { _ in g.rational(maxBits: 40) })
        case .upperTriangular:
            var m = fill { $0.rational(maxBits: 30) }
            for i in 0..<n { for j in 0..<i { m[i, j] = 0 } }
            return m
        case .lowRank:  // rank <= r < n: singular, several zero eigenvalues
            let r = n == 0 ? 0 : Int.random(in: 0..<n, using: &g)
            let left = Matrix(rows: n, columns: r, uncheckedElements: (0..<(n * r)).map { _ in g.smallRational() })
            let right = Matrix(rows: r, columns: n, uncheckedElements: (0..<(n * r)).map { _ in g.smallRational() })
            return left * right
        case .repeatedRow:
            var m = fill { $0.smallRational() }
            if n >= 2 { for j in 0..<n { m[n - 1, j] = m[0, j] } }
            return m
        case .sparse:  // mostly zeros: zero pivots and zero subdiagonal entries in the reduction
            return fill { Int.random(in: 0..<5, using: &$0) == 0 ? $0.smallRational() : 0 }
        case .bigRationals:  // GMP entries, the non-word path
            return fill { $0.rational(maxBits: 90) }
        case .nearWordLimits:  // word entries >= the primes (reduction of words >= p)
            return fill {
                switch Int.random(in: 0..<4, using: &$0) {
                case 0: return Rational(Int.max - Int.random(in: 0...3, using: &$0))
                case 1: return Rational(-Int.max + Int.random(in: 0...3, using: &$0))
                case 2: return Rational(Int.random(in: Int.min + 1 ... Int.max, using: &$0))
                default: return Rational(Int.random(in: -9...9, using: &$0))
                }
            }
        case .overflowingDenominators:  // the lcm of the denominators does not fit a word
            let denominators = [1_000_003, 1_000_033, 1_000_037, 1_000_039, 999_983, 999_979]
            return fill { Rational(Int.random(in: -50...50, using: &$0), denominators.randomElement(using: &$0)!) }
        case .negativeMultiples:
            return fill { -Rational(Int.random(in: 0...9, using: &$0), Int.random(in: 1...4, using: &$0)) }
        case .permutation:
            var m = Matrix<Rational>(rows: n, columns: n, repeating: 0)
            let sigma = (0..<n).shuffled(using: &g)
            for i in 0..<n { m[i, sigma[i]] = g.smallRational() }
            return m
        }
    }

    /// The first `sweepRounds` rounds (the CI count) sweep every size 0...12; a deep campaign's further
    /// rounds (`SBAL_PROPERTY_COUNT=2000`) draw one size n <= `deepMaxSize` per kind, so that the cost
    /// of a round is bounded by the matrix size, not only the number of rounds (the rational
    /// Berkowitz reference grows like n^4 with entries of growing length: the full sweep made 2000
    /// rounds take 40 minutes).
    static let sweepRounds = 6, deepMaxSize = 8

    @Test func agreesWithBerkowitzOnRandomMatrices() throws {
        var g = SplitMix64(seed: 70)
        for round in 0..<propertyCount(Self.sweepRounds) {
            for kind in Kind.allCases {
                let sizes = round < Self.sweepRounds ? Array(0...12) : [Int.random(in: 0...Self.deepMaxSize, using: &g)]
                for n in sizes {
                    if kind == .bigRationals && n > 9 && round > 1 { continue }  // keep the reference fast
                    let a = Self.matrix(kind, n, &g)
                    let p = a.characteristicPolynomial
                    #expect(p == a.berkowitzCharacteristicPolynomial, "\(kind) n = \(n): \(a)")
                    #expect(p.count == n + 1 && p[n] == 1)
                }
            }
        }
    }

    @Test func genericCallersGetTheSameResult() throws {
        func generic<S: AlgebraicField & Sendable>(_ m: Matrix<S>) -> [S] { m.characteristicPolynomial }
        var g = SplitMix64(seed: 71)
        for n in 0...8 {
            let a = Self.matrix(.smallRationals, n, &g)
            #expect(generic(a) == a.characteristicPolynomial)
            #expect(generic(a) == a.berkowitzCharacteristicPolynomial)
        }
    }

    @Test func productsInEitherOrderHaveTheSameCharpoly() throws {
        var g = SplitMix64(seed: 72)
        for _ in 0..<propertyCount(30) {
            let n = Int.random(in: 1...10, using: &g), m = Int.random(in: 1...10, using: &g)
            let kinds: [Kind] = [.smallRationals, .integers, .sparse, .negativeMultiples, .bigRationals]
            let kind = kinds.randomElement(using: &g)!
            let a = Self.matrix(kind, n, &g), b = Self.matrix(.smallRationals, n, &g)
            #expect((a * b).characteristicPolynomial == (b * a).characteristicPolynomial)
            // Rectangular: t^m det(t I - R S) = t^n det(t I - S R) for R n x m, S m x n.
            let r = Matrix(rows: n, columns: m, uncheckedElements: (0..<(n * m)).map { _ in g.smallRational() })
            let s = Matrix(rows: m, columns: n, uncheckedElements: (0..<(n * m)).map { _ in g.rational(maxBits: 20) })
            let prs = (r * s).characteristicPolynomial, psr = (s * r).characteristicPolynomial
            #expect(Array(repeating: 0, count: m) + prs == Array(repeating: 0, count: n) + psr)
        }
    }

    /// Coefficients of prod_i (t - roots[i]), ascending.
    static func polynomial(withRoots roots: [Rational]) -> [Rational] {
        var p: [Rational] = [1]
        for r in roots {
            var q = [Rational](repeating: 0, count: p.count + 1)
            for (i, c) in p.enumerated() {
                q[i + 1] += c
                q[i] -= r * c
            }
            p = q
        }
        return p
    }

    @Test func knownPolynomials() throws {
        // 2 x 2 and 3 x 3 by hand.
        #expect(try Matrix<Rational>([[1, 2], [3, 4]]).characteristicPolynomial == [-2, -5, 1])
        #expect(try Matrix<Rational>([[2, 0, 0], [0, 3, 4], [0, 4, 9]]).characteristicPolynomial == [-22, 35, -14, 1])
        #expect(try Matrix<Rational>([[Rational(1, 2), Rational(1, 3)], [Rational(1, 4), Rational(1, 5)]])
            .characteristicPolynomial == [Rational(1, 60), Rational(-7, 10), 1])  // det 1/10 - 1/12
        #expect(try Matrix<Rational>(rows: 0, columns: 0, elements: []).characteristicPolynomial == [1])
        #expect(try Matrix<Rational>([[Rational(-7, 3)]]).characteristicPolynomial == [Rational(7, 3), 1])
        // Rotation by 90 degrees: t^2 + 1 (needs a row swap in no step, but zero diagonal).
        #expect(try Matrix<Rational>([[0, -1], [1, 0]]).characteristicPolynomial == [1, 0, 1])

        var g = SplitMix64(seed: 73)
        for n in [1, 2, 5, 12, 20, 33] {
            // Identity: (t - 1)^n, binomial coefficients.
            #expect(Matrix<Rational>.identity(n).characteristicPolynomial
                    == Self.polynomial(withRoots: Array(repeating: 1, count: n)))
            // Nilpotent Jordan block: t^n.
            var jordan = Matrix<Rational>(rows: n, columns: n, repeating: 0)
            for i in 0..<(n - 1) { jordan[i, i + 1] = g.rational(maxBits: 50) }
            #expect(jordan.characteristicPolynomial == Array(repeating: 0, count: n) + [1])
            // Triangular with big rational diagonal: prod (t - a_ii).
            var triangular = Self.matrix(.upperTriangular, n, &g)
            for i in 0..<n { triangular[i, i] = g.rational(maxBits: 60) }
            #expect(triangular.characteristicPolynomial == Self.polynomial(withRoots: (0..<n).map { triangular[$0, $0] }))
            // Companion matrix of a random monic polynomial with big rational coefficients, then
            // conjugated by a random unimodular-ish integer matrix (same charpoly).
            let coefficients = (0..<n).map { _ in g.rational(maxBits: 80) }
            var companion = Matrix<Rational>(rows: n, columns: n, repeating: 0)
            for i in 1..<max(n, 1) { companion[i, i - 1] = 1 }
            for i in 0..<n { companion[i, n - 1] = -coefficients[i] }
            #expect(companion.characteristicPolynomial == coefficients + [1])
            var shear = Matrix<Rational>.identity(n)
            for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { shear[i, j] = Rational(Int.random(in: -3...3, using: &g)) } }
            var inverseShear = Matrix<Rational>.identity(n)  // back substitution: shear is unit upper triangular
            for column in 0..<n {
                for i in stride(from: column - 1, through: 0, by: -1) {
                    var s: Rational = 0
                    for k in (i + 1)...column { s += shear[i, k] * inverseShear[k, column] }
                    inverseShear[i, column] = -s
                }
            }
            #expect(shear * inverseShear == .identity(n))
            #expect((inverseShear * companion * shear).characteristicPolynomial == coefficients + [1])
        }

        // Sylvester-Hadamard matrices: H symmetric, H^2 = n I, trace 0, so charpoly(c H) =
        // (t^2 - n c^2)^(n/2). Hadamard's bound is attained by det, the worst case for the CRT bound.
        let c = try! Rational(numerator: BigInteger(1).shiftedLeft(70) + 1, denominator: 3)
        var h = try Matrix<Rational>([[1]])
        for _ in 0..<5 {
            let k = h.rows
            var next = Matrix<Rational>(rows: 2 * k, columns: 2 * k, repeating: 0)
            for i in 0..<k {
                for j in 0..<k {
                    next[i, j] = h[i, j]; next[i, j + k] = h[i, j]
                    next[i + k, j] = h[i, j]; next[i + k, j + k] = -h[i, j]
                }
            }
            h = next
            let n = h.rows
            var expected: [Rational] = [1]  // (t^2 - n c^2)^(n/2) by repeated multiplication
            for _ in 0..<(n / 2) {
                var q = [Rational](repeating: 0, count: expected.count + 2)
                for (i, x) in expected.enumerated() {
                    q[i + 2] += x
                    q[i] -= Rational(n) * c * c * x
                }
                expected = q
            }
            #expect((c * h).characteristicPolynomial == expected, "Sylvester-Hadamard n = \(n)")
        }
    }

    /// Entries that are multiples of (or congruent modulo) the primes the algorithm uses: the
    /// matrix mod p is zero, rank one, or has zero pivots and a zero subdiagonal, while the
    /// rational matrix does not.
    @Test func degenerateModuloTheFirstPrimes() throws {
        var g = SplitMix64(seed: 74)
        let primes = CharpolyPrimes.first(3).map { Int($0.p) }
        for _ in 0..<propertyCount(20) {
            let n = Int.random(in: 1...9, using: &g)
            let p = primes.randomElement(using: &g)!
            var a = Matrix<Rational>(rows: n, columns: n, repeating: 0)
            let mode = Int.random(in: 0..<3, using: &g)
            for i in 0..<n {
                for j in 0..<n {
                    let k = Int.random(in: -1...1, using: &g)
                    switch mode {
                    case 0: a[i, j] = Rational(k * p)  // zero mod p
                    case 1: a[i, j] = Rational(k * p + 5)  // all 5 mod p: rank one
                    default: a[i, j] = Rational(i > j + 1 || Bool.random(using: &g) ? k * p : Int.random(in: -3...3, using: &g))
                    }
                }
            }
            if Bool.random(using: &g) { a = Rational(1, 7) * a }  // also through cleared denominators
            #expect(a.characteristicPolynomial == a.berkowitzCharacteristicPolynomial, "\(a)")
        }
    }

    /// The per-prime routine alone, modulo small primes where zero pivots, zero columns below the
    /// subdiagonal and zero subdiagonal entries are frequent: against Berkowitz over the integers,
    /// reduced mod p afterwards (det(t I - B) mod p = det(t I - (B mod p))).
    @Test func modularRoutineAgainstBerkowitzModuloSmallPrimes() throws {
        var g = SplitMix64(seed: 77)
        for p: UInt64 in [3, 5, 7, 101, 65_537] {
            let field = WordModulus(p)
            for _ in 0..<propertyCount(40) {
                let n = Int.random(in: 0...9, using: &g)
                let entries = (0..<(n * n)).map { _ in Int.random(in: -6...6, using: &g) }
                let exact = Matrix(rows: n, columns: n, uncheckedElements: entries.map { Rational($0) }).berkowitzCharacteristicPolynomial
                var matrix = entries.map { field.reduce($0) }
                var polynomials = [UInt64](repeating: 0, count: (n + 1) * (n + 1))
                var multipliers = [UInt64](repeating: 0, count: n + 1)
                var indices = [Int](repeating: 0, count: n)
                var result = [UInt64](repeating: 0, count: n + 1)
                MultimodularCharpoly.characteristicPolynomial(field, &matrix, n, &polynomials, &multipliers, &indices,
                                                              result: &result)
                let expected = exact.map { c in  // c mod p in 0..<p
                    let modulus = BigInteger(Int(p))
                    return UInt64((c.numerator - modulus * c.numerator.floorDivided(by: modulus)).intValue!)
                }
                #expect(result == expected, "p = \(p), B = \(entries)")
            }
        }
    }

    /// Garner's algorithm and the product tree rebuild the same integers from the same residues,
    /// and those integers have the right residues and lie in (-M/2, M/2].
    @Test func garnerAndProductTreeAgree() throws {
        var g = SplitMix64(seed: 79)
        for m in [1, 2, 3, 4, 5, 7, 8, 13, 31, 64, 100] {
            let primes = CharpolyPrimes.first(m)
            let n = Int.random(in: 0...3, using: &g)
            var residues = [UInt64]()
            for s in 0..<m {
                for _ in 0...n {  // extremes too: 0 and p - 1
                    let choice = Int.random(in: 0..<4, using: &g)
                    residues.append(choice == 0 ? 0 : choice == 1 ? primes[s].p - 1 : g.next() % primes[s].p)
                }
            }
            let scale: BigInteger? = Bool.random(using: &g) ? BigInteger(Int.random(in: 2...1000, using: &g)) : nil
            let garner = MultimodularCharpoly.reconstruct(residues: residues, primes: primes, n: n, scale: scale, tree: false)
            let tree = MultimodularCharpoly.reconstruct(residues: residues, primes: primes, n: n, scale: scale, tree: true)
            #expect(garner == tree, "m = \(m)")
            let modulus = primes.reduce(BigInteger(1)) { $0 * BigInteger(Int($1.p)) }
            for k in 0...n {
                let c = garner[k] * Rational(scale ?? 1).power(n - k)
                #expect(c.isInteger)
                let x = c.numerator
                #expect(x + x <= modulus && x + x > -modulus)
                for s in 0..<m {
                    let p = BigInteger(Int(primes[s].p))
                    #expect(x - BigInteger(Int(residues[s * (n + 1) + k])) == p * (x - BigInteger(Int(residues[s * (n + 1) + k]))).floorDivided(by: p))
                }
            }
        }
    }

    /// More primes than the cache holds (a bound above 64 * 61 bits).
    @Test func beyondThePrimeCache() throws {
        var g = SplitMix64(seed: 78)
        let a = Matrix(rows: 4, columns: 4, uncheckedElements: (0..<16).map { _ in
            try! Rational(numerator: g.bigInteger(maxBits: 1100).shiftedLeft(1000) + 1, denominator: BigInteger(Int.random(in: 1...5, using: &g)))
        })
        let bits = ClearedDenominatorMatrix(a).coefficientBoundBits
        #expect(MultimodularCharpoly.primeCount(boundBits: bits) > CharpolyPrimes.cached.count)
        #expect(a.characteristicPolynomial == a.berkowitzCharacteristicPolynomial)
    }

    /// The proven bound: every coefficient of det(t I - B) is below 2^bits, the primes' product
    /// exceeds 2^(bits + 1), and the bound is not loose by more than its rounding (it is within
    /// 2 bits of the exact integer value prod(1 + floor(sqrt(r_i^2))) it over-approximates).
    @Test func crtBoundIsNotExceeded() throws {
        var g = SplitMix64(seed: 75)
        var cases: [Matrix<Rational>] = []
        for kind in Kind.allCases {
            for n in [1, 2, 3, 6, 10] { cases.append(Self.matrix(kind, n, &g)) }
        }
        // Hadamard-tight: scaled Sylvester-Hadamard matrices (det = prod of row norms).
        var h = try Matrix<Rational>([[1]])
        for _ in 0..<4 {
            let k = h.rows
            var next = Matrix<Rational>(rows: 2 * k, columns: 2 * k, repeating: 0)
            for i in 0..<k { for j in 0..<k {
                next[i, j] = h[i, j]; next[i, j + k] = h[i, j]; next[i + k, j] = h[i, j]; next[i + k, j + k] = -h[i, j]
            } }
            h = next
            cases.append(h)
            cases.append(Rational(Int.max) * h)
            cases.append(Rational(BigInteger(1).shiftedLeft(100) - 1) * h)
        }
        for a in cases {
            let b = ClearedDenominatorMatrix(a)
            let bits = b.coefficientBoundBits
            let n = a.rows
            let integral = Matrix(rows: n, columns: n,
                                  uncheckedElements: b.words.map { $0.map { Rational($0) } } ?? b.big.map { Rational($0) })
            if let scale = b.scale { #expect(integral == Rational(scale) * a) } else { #expect(integral == a) }
            let bound = BigInteger(1).shiftedLeft(bits)
            for c in integral.berkowitzCharacteristicPolynomial {
                #expect(c.isInteger)
                #expect(abs(c.numerator) < bound, "coefficient \(c) of \(integral) not below 2^\(bits)")
            }
            var modulus = BigInteger(1)
            for p in CharpolyPrimes.first(MultimodularCharpoly.primeCount(boundBits: bits)) { modulus *= BigInteger(Int(p.p)) }
            #expect(modulus > bound + bound)
            // Lower estimate of H = min over rows/columns of prod(1 + r_i) in exact integers, with
            // 20 fractional bits per factor: prod(2^20 + floor(sqrt(r_i^2 2^40))) / 2^(20 n).
            func exactProduct(_ vectors: [[BigInteger]]) -> BigInteger {
                let product = vectors.reduce(BigInteger(1)) { product, v in
                    product * (v.reduce(BigInteger(0)) { $0 + $1 * $1 }.shiftedLeft(40).squareRootFloor() + BigInteger(1 << 20))
                }
                return product.shiftedRight(20 * vectors.count)
            }
            let entries = b.words.map { $0.map { BigInteger($0) } } ?? b.big
            let rows = (0..<n).map { i in (0..<n).map { entries[i * n + $0] } }
            let columns = (0..<n).map { j in (0..<n).map { entries[$0 * n + j] } }
            let lower = min(exactProduct(rows), exactProduct(columns))
            #expect(lower < bound)
            #expect(bits <= lower.bitLength + 2, "bound 2^\(bits) loose against \(lower)")
        }
    }

    @Test func boundOfSpecialShapes() throws {
        // Zero matrix: coefficients 0 and 1, bound 2^1 (H = 1 < 2^1).
        #expect(ClearedDenominatorMatrix(Matrix(rows: 4, columns: 4, repeating: 0)).coefficientBoundBits == 1)
        // One huge column: the row bound is huge for every row, the column bound only for one.
        var a = Matrix<Rational>.identity(8)
        for i in 0..<8 { a[i, 0] = Rational(1 << 40) }
        let bits = ClearedDenominatorMatrix(a).coefficientBoundBits
        #expect(bits <= 40 + 2 + 1 + 8)  // column: (1 + 2^41.5) 2^7, rows: about 2^320
        #expect(a.characteristicPolynomial == a.berkowitzCharacteristicPolynomial)
        #expect(MultimodularCharpoly.primeCount(boundBits: 0) == 1)
        #expect(MultimodularCharpoly.primeCount(boundBits: 60) == 1)
        #expect(MultimodularCharpoly.primeCount(boundBits: 61) == 2)
    }

    @Test func wordModulusArithmetic() throws {
        var g = SplitMix64(seed: 76)
        let moduli: [UInt64] = [3, 5, 1_000_003, (1 << 31) - 1, 9_223_372_036_854_775_783 /* 2^63 - 25 */]
            + CharpolyPrimes.first(4).map(\.p)
        for p in moduli {
            let f = WordModulus(p)
            for _ in 0..<2000 {
                let a = g.next() % p, b = g.next() % p
                let expected = p.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder
                #expect(f.multiply(a, b) == expected)
                let w = f.shoup(b)
                #expect(w == p.dividingFullWidth((high: b, low: 0)).quotient)
                #expect(f.multiply(a, by: b, shoup: w) == expected)
                let x = g.next()  // Shoup's product for any word x
                #expect(f.multiply(x, by: b, shoup: w) == p.dividingFullWidth(b.multipliedFullWidth(by: x)).remainder)
                let high = g.next() % p, low = g.next()
                let qr = f.divide(high: high, low: low), reference = p.dividingFullWidth((high: high, low: low))
                #expect(qr.quotient == reference.quotient && qr.remainder == reference.remainder)
                let anyHigh = g.next()
                #expect(f.remainder(high: anyHigh, low: low)
                        == p.dividingFullWidth((high: anyHigh % p, low: low)).remainder)
                #expect(f.add(a, b) == UInt64((UInt128(a) + UInt128(b)) % UInt128(p)))
                #expect(f.subtract(a, b) == (a >= b ? a - b : p - (b - a)))
                if a != 0 { #expect(f.multiply(f.inverse(a), a) == 1) }
            }
            for x in [Int.min, Int.min + 1, -1, 0, 1, Int.max, Int(bitPattern: UInt(p)) &- 1] {
                let r = f.reduce(x)
                #expect(r < p)
                #expect((BigInteger(Int(r)) - BigInteger(x)).isDivisible(by: BigInteger(Int(p))))
            }
        }
    }

    @Test func primesAreThePrimesJustBelow2To62() throws {
        // Miller-Rabin against trial division, and on known strong pseudoprimes.
        for n in UInt64(2)..<20000 {
            let trial = n >= 2 && (2...max(2, UInt64(Double(n).squareRoot()))).allSatisfy { n == $0 || n % $0 != 0 }
            #expect(WordModulus.isPrime(n) == trial, "\(n)")
        }
        // Carmichael 561 and strong pseudoprimes to the first bases (up to 2, ..., 23 for the last).
        for composite: UInt64 in [561, 2047, 1_373_653, 25_326_001, 3_215_031_751, 2_152_302_898_747,
                                  3_474_749_660_383, 341_550_071_728_321, 3_825_123_056_546_413_051] {
            #expect(!WordModulus.isPrime(composite), "\(composite)")
        }
        #expect(3_825_123_056_546_413_051 == UInt64(149_491) * 747_451 * 34_233_211)
        #expect(WordModulus.isPrime((1 << 61) - 1))  // Mersenne prime M61
        #expect(WordModulus.isPrime(9_223_372_036_854_775_783))  // 2^63 - 25
        let primes = CharpolyPrimes.first(70).map(\.p)  // beyond the cache too
        #expect(primes.count == 70)
        #expect(primes.allSatisfy { $0 > 1 << 61 && $0 < 1 << 62 })
        #expect(zip(primes, primes.dropFirst()).allSatisfy { $0 > $1 })
        #expect(primes[0] == (1 << 62) - 57)  // the largest prime below 2^62
        // Consecutive: no prime is skipped between the first two (checked by Fermat tests).
        for candidate in stride(from: primes[1] + 2, to: primes[0], by: 2) {
            let f = WordModulus(candidate)
            #expect(f.power(2, candidate - 1) != 1 || f.power(3, candidate - 1) != 1)
        }
    }
}
