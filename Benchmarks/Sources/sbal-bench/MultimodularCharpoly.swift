import Rationals

/// A candidate exact characteristic polynomial in FLINT's manner, measured for the owner of
/// Rationals: clear denominators (B = L A), compute det(t I - B) modulo several primes p < 2^50 by
/// Hessenberg reduction (O(n^3) word operations per prime), and rebuild the integer coefficients by
/// Chinese remaindering. Enough primes are used for their product to exceed twice a proven bound on
/// the coefficients, so the result is exact, not probabilistic: the coefficient of t^(n-k) is a sum
/// of C(n, k) principal k x k minors, each at most the product of its rows' Euclidean norms
/// (Hadamard), hence |c| <= 2^n prod_i max(1, |row_i|).
enum MultimodularCharpoly {
    static func coefficients(of a: Matrix<Rational>) -> [Rational] {
        precondition(a.rows == a.columns)
        let n = a.rows
        var l = BigInteger(1)
        for x in a.elements { l = BigInteger.lcm(l, x.denominator) }
        let b = a.elements.map { x in x.numerator * l.quotientAndRemainder(dividingBy: x.denominator).quotient }

        // Word-size entries (the common case) are reduced with machine arithmetic.
        let small: [Int]? = b.allSatisfy({ $0.bitLength < 62 }) ? b.map { $0.intValue! } : nil

        // Bound in bits on |coefficient| of det(t I - B).
        var boundBits = n + 1
        for i in 0..<n {
            if let small {
                // |row|^2 < 2^(e) with e from the exponent of a Double upper estimate (+1 bit margin
                // for rounding; the sum of at most n squares below 2^124 loses < 2^-40 relatively).
                var squares = 0.0
                for j in 0..<n { squares += Double(small[i * n + j]) * Double(small[i * n + j]) }
                let bits = squares < 1 ? 0 : Int(squares.exponent) + 2
                boundBits += (bits + 1) / 2
            } else {
                var squares = BigInteger(0)
                for j in 0..<n { squares += b[i * n + j] * b[i * n + j] }
                boundBits += (squares.bitLength + 1) / 2   // log2 |row| <= ceil(bits(|row|^2) / 2)
            }
        }

        var residues: [[UInt64]] = []   // per prime, ascending coefficients mod p
        var primes: [UInt64] = []
        var modulusBits = 0
        var candidate: UInt64 = (1 << 50) - 1
        while modulusBits <= boundBits + 1 {
            repeat { candidate -= 2 } while !isPrime(candidate)
            let field = PrimeField(candidate)
            let reduced = small.map { $0.map { field.reduce($0) } } ?? b.map { field.reduce($0) }
            residues.append(field.characteristicPolynomial(reduced, n))
            primes.append(candidate)
            modulusBits += 49   // each prime exceeds 2^49
        }

        // Chinese remaindering, coefficient by coefficient, then the symmetric representative.
        var result = [Rational]()
        var scale = BigInteger(1)   // L^(n - k) for ascending index k, built from the top
        var scales = [BigInteger](repeating: 1, count: n + 1)
        for k in stride(from: n, through: 0, by: -1) { scales[k] = scale; scale *= l }
        for k in 0...n {
            var x = BigInteger(Int(residues[0][k]))
            var modulus = BigInteger(Int(primes[0]))
            for index in 1..<primes.count {
                let p = primes[index]
                let field = PrimeField(p)
                let xModP = field.reduce(x)
                let delta = field.multiply(field.subtract(residues[index][k], xModP),
                                           field.inverse(field.reduce(modulus)))
                x += modulus * BigInteger(Int(delta))
                modulus *= BigInteger(Int(p))
            }
            if (x + x) > modulus { x -= modulus }
            result.append(try! Rational(numerator: x, denominator: scales[k]))
        }
        return result
    }

    /// Deterministic Miller-Rabin for 64-bit integers.
    static func isPrime(_ n: UInt64) -> Bool {
        if n < 2 { return false }
        for p: UInt64 in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] where n % p == 0 { return n == p }
        var d = n - 1, s = 0
        while d & 1 == 0 { d >>= 1; s += 1 }
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 { n.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder }
        func powmod(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
            var result: UInt64 = 1, b = base % n, e = exponent
            while e > 0 { if e & 1 == 1 { result = mulmod(result, b) }; b = mulmod(b, b); e >>= 1 }
            return result
        }
        witnesses: for a: UInt64 in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
            var x = powmod(a, d)
            if x == 1 || x == n - 1 { continue }
            for _ in 1..<max(s, 1) {
                x = mulmod(x, x)
                if x == n - 1 { continue witnesses }
            }
            return false
        }
        return true
    }
}

/// Arithmetic modulo a prime p < 2^50; products reduced with a floating-point quotient estimate
/// corrected exactly in wrapping integer arithmetic.
struct PrimeField {
    let p: UInt64
    let inverseP: Double
    init(_ p: UInt64) { self.p = p; inverseP = 1 / Double(p) }

    @inline(__always) func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // a, b < p < 2^50: the estimate q of floor(a b / p) is off by at most a few units, and
        // a b - q p is exact modulo 2^64 and small, so a signed correction finishes the job.
        let (sa, sb, sp) = (Int64(bitPattern: a), Int64(bitPattern: b), Int64(bitPattern: p))
        let q = Int64(Double(sa) * Double(sb) * inverseP)
        var r = sa &* sb &- q &* sp
        while r < 0 { r &+= sp }
        while r >= sp { r &-= sp }
        return UInt64(bitPattern: r)
    }
    @inline(__always) func add(_ a: UInt64, _ b: UInt64) -> UInt64 { let s = a + b; return s >= p ? s - p : s }
    @inline(__always) func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 { a >= b ? a - b : a + p - b }
    func power(_ a: UInt64, _ e: UInt64) -> UInt64 {
        var result: UInt64 = 1, base = a, e = e
        while e > 0 { if e & 1 == 1 { result = multiply(result, base) }; base = multiply(base, base); e >>= 1 }
        return result
    }
    func inverse(_ a: UInt64) -> UInt64 { power(a, p - 2) }
    @inline(__always) func reduce(_ v: Int) -> UInt64 {
        let r = v % Int(p)
        return UInt64(r < 0 ? r + Int(p) : r)
    }
    func reduce(_ x: BigInteger) -> UInt64 {
        if let v = x.intValue {
            let r = v % Int(p)
            return UInt64(r < 0 ? r + Int(p) : r)
        }
        let r = x.quotientAndRemainder(dividingBy: BigInteger(Int(p))).remainder.intValue!
        return UInt64(r < 0 ? r + Int(p) : r)
    }

    /// det(t I - H) mod p, ascending coefficients, for the n x n row-major matrix `m` (mod p):
    /// similarity reduction to upper Hessenberg form, then the Hessenberg recurrence
    /// P_k(t) = (t - h_kk) P_{k-1}(t) - sum_{i<k} h_ik (prod_{i<j<=k} h_{j,j-1}) P_{i-1}(t).
    func characteristicPolynomial(_ m: [UInt64], _ n: Int) -> [UInt64] {
        var h = m
        h.withUnsafeMutableBufferPointer { h in
        if n > 2 {
            for k in 0..<(n - 2) {
                guard let pivotRow = (k + 1..<n).first(where: { h[$0 * n + k] != 0 }) else { continue }
                if pivotRow != k + 1 {
                    for j in 0..<n { h.swapAt(pivotRow * n + j, (k + 1) * n + j) }
                    for i in 0..<n { h.swapAt(i * n + pivotRow, i * n + k + 1) }
                }
                let inverse = self.inverse(h[(k + 1) * n + k])
                for i in (k + 2)..<n where h[i * n + k] != 0 {
                    let u = multiply(h[i * n + k], inverse)
                    // row_i -= u row_{k+1}; then column_{k+1} += u column_i (the inverse operation)
                    for j in k..<n { h[i * n + j] = subtract(h[i * n + j], multiply(u, h[(k + 1) * n + j])) }
                    for r in 0..<n { h[r * n + k + 1] = add(h[r * n + k + 1], multiply(u, h[r * n + i])) }
                }
            }
        }
        }
        var polynomials: [[UInt64]] = [[1]]   // P_0 = 1, ascending
        for k in 0..<n {
            // (t - h_kk) P_{k}
            let previous = polynomials[k]
            var next = [UInt64](repeating: 0, count: k + 2)
            for (i, c) in previous.enumerated() {
                next[i + 1] = add(next[i + 1], c)
                next[i] = subtract(next[i], multiply(h[k * n + k], c))
            }
            var product: UInt64 = 1
            for i in stride(from: k - 1, through: 0, by: -1) {
                product = multiply(product, h[(i + 1) * n + i])
                let factor = multiply(h[i * n + k], product)
                if factor == 0 { continue }
                for (j, c) in polynomials[i].enumerated() { next[j] = subtract(next[j], multiply(factor, c)) }
            }
            polynomials.append(next)
        }
        return polynomials[n]
    }
}
