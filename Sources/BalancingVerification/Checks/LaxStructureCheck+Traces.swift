import Rationals

extension LaxStructureCheck {
    /// tr(J^(k-1) J') for k = 1 ... N, exactly, stopping after the first nonzero value.
    ///
    /// Computed over the integers: with J = A / q and J' = B / r (q, r common denominators),
    /// tr(J^(k-1) J') = tr(A^(k-1) B) / (q^(k-1) r), so the powers A^k are integer matrices and need no
    /// gcd reductions (several times faster than rational powers).
    static func traces(weights: Matrix<Rational>, rate: Matrix<Rational>) -> [Rational] {
        let n = weights.rows
        guard n > 0 else { return [] }
        let (a, q) = integerScaled(weights.elements)
        let (b, r) = integerScaled(rate.elements)
        var power = [BigInteger](repeating: 0, count: n * n)     // A^(k-1), starting with the identity
        for i in 0..<n { power[i * n + i] = 1 }
        var scale = Rational(r)                                   // q^(k-1) r
        var traces: [Rational] = []
        for k in 1...n {
            var trace = BigInteger(0)
            for i in 0..<n {
                for j in 0..<n where !power[i * n + j].isZero && !b[j * n + i].isZero { trace += power[i * n + j] * b[j * n + i] }
            }
            traces.append(Rational(trace) / scale)
            if !trace.isZero || k == n { break }
            power = multiply(power, a, n)
            scale *= Rational(q)
        }
        return traces
    }

    /// Integer entries and their common denominator: values = entries / denominator.
    private static func integerScaled(_ values: [Rational]) -> ([BigInteger], BigInteger) {
        var denominator = BigInteger(1)
        for value in values where !value.isZero {
            let d = value.denominator
            denominator = denominator * d.quotientAndRemainder(dividingBy: BigInteger.gcd(denominator, d)).quotient
        }
        let entries = values.map { value -> BigInteger in
            value.isZero ? 0 : value.numerator * denominator.quotientAndRemainder(dividingBy: value.denominator).quotient
        }
        return (entries, denominator)
    }

    /// The n x n integer product x y (row-major).
    private static func multiply(_ x: [BigInteger], _ y: [BigInteger], _ n: Int) -> [BigInteger] {
        var result = [BigInteger](repeating: 0, count: n * n)
        for i in 0..<n {
            for l in 0..<n where !x[i * n + l].isZero {
                let factor = x[i * n + l]
                for j in 0..<n where !y[l * n + j].isZero { result[i * n + j] += factor * y[l * n + j] }
            }
        }
        return result
    }
}
