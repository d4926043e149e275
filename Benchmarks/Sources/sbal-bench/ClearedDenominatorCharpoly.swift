import Rationals

/// A candidate faster exact characteristic polynomial, measured next to
/// `Matrix.characteristicPolynomial` for the owner of Rationals: clear denominators once
/// (B = L A with L the lcm of all denominators, an integer matrix), run the same division-free
/// Berkowitz recursion on BigInteger (no gcd per operation), and scale back:
/// det(t I - A) = L^-n det(L t I - B), so c_k(A) = c_k(B) / L^(n - k).
/// Checked against FLINT's coefficients by run.sh (table column "coefficients equal").
enum ClearedDenominatorCharpoly {
    static func coefficients(of a: Matrix<Rational>) -> [Rational] {
        precondition(a.rows == a.columns)
        let n = a.rows
        var l = BigInteger(1)
        for x in a.elements { l = BigInteger.lcm(l, x.denominator) }
        // B = L A: integer entries (L / q) p.
        let b = a.elements.map { x in x.numerator * l.quotientAndRemainder(dividingBy: x.denominator).quotient }
        var p: [BigInteger] = [1]  // descending coefficients of det(t I - B_k)
        for k in 0..<n {
            var toeplitz: [BigInteger] = [1, -b[k * n + k]]
            var v = (0..<k).map { b[$0 * n + k] }
            for m in 0..<k {
                var rv = BigInteger(0)
                for j in 0..<k { rv += b[k * n + j] * v[j] }
                toeplitz.append(-rv)
                if m + 1 < k {
                    var next = [BigInteger]()
                    next.reserveCapacity(k)
                    for i in 0..<k {
                        var s = BigInteger(0)
                        for j in 0..<k { s += b[i * n + j] * v[j] }
                        next.append(s)
                    }
                    v = next
                }
            }
            var q = [BigInteger]()
            q.reserveCapacity(k + 2)
            for j in 0...(k + 1) {
                var s = BigInteger(0)
                for i in 0...min(j, k) { s += toeplitz[j - i] * p[i] }
                q.append(s)
            }
            p = q
        }
        // p is descending: p[i] is the coefficient of t^(n - i) of det(t I - B); divide by L^i.
        var result = [Rational]()
        var power = BigInteger(1)
        for i in 0...n {
            result.append(try! Rational(numerator: p[i], denominator: power))
            power *= l
        }
        return result.reversed()
    }
}
