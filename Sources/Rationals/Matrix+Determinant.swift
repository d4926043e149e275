import RealModule

extension Matrix {
    /// det A by fraction-free Bareiss elimination (exact over Rational; over Double it is ordinary
    /// elimination with the Bareiss update). Precondition: square. det of the 0 x 0 matrix is 1.
    ///
    /// Bareiss step k: a_ij <- (a_kk a_ij - a_ik a_kj) / p, with p the previous pivot (1 at first);
    /// the last pivot is det A. A zero pivot is replaced by swapping in a lower row (sign flip).
    ///
    /// For `Rational` entries the matrix is first scaled to integers, B = L A with L the lcm of
    /// the denominators, so that every Bareiss quotient is an exact integer division (entries
    /// stay minors of B); then det A = det B / L^n.
    @inlinable
    public var determinant: Scalar {
        precondition(isSquare, "Matrix.determinant of a non-square \(rows) x \(columns) matrix")
        if let exact = self as? Matrix<Rational>, let scale = exact.denominatorLCM {
            return (Rational(scale) * exact).bareissDeterminant / Rational(scale).power(rows) as! Scalar
        }
        return bareissDeterminant
    }

    /// Bareiss elimination on the entries as given (see `determinant`).
    @inlinable
    var bareissDeterminant: Scalar {
        let n = rows
        if n == 0 { return 1 }
        var a = elements
        var previousPivot: Scalar = 1
        var sign: Scalar = 1
        for k in 0..<(n - 1) {
            if a[k * n + k] == 0 {
                guard let swapRow = ((k + 1)..<n).first(where: { a[$0 * n + k] != 0 }) else { return 0 }
                for j in 0..<n { a.swapAt(k * n + j, swapRow * n + j) }
                sign = -sign
            }
            let pivot = a[k * n + k]
            for i in (k + 1)..<n {
                let aik = a[i * n + k]
                for j in (k + 1)..<n {
                    a[i * n + j] = (pivot * a[i * n + j] - aik * a[k * n + j]) / previousPivot
                }
                a[i * n + k] = 0
            }
            previousPivot = pivot
        }
        return sign * a[n * n - 1]
    }

    /// Coefficients c_0 ... c_n of det(t I - A) in ASCENDING powers of t; c_n = 1.
    /// Precondition: square.
    ///
    /// Division-free Berkowitz: with A_{k+1} = [[A_k, c], [r, a]] and p_k the characteristic
    /// polynomial of A_k (coefficients descending, p_k[0] = 1),
    /// p_{k+1}[j] = sum_i T[j - i] p_k[i], where T = (1, -a, -r c, -r A_k c, -r A_k^2 c, ...),
    /// since p_{k+1}(t) = (t - a) p_k(t) - r adj(t I - A_k) c.
    ///
    /// `Rational` entries take the exact multimodular algorithm instead (Hessenberg reduction
    /// modulo word-size primes and Chinese remaindering against a proven bound; see
    /// `Matrix<Rational>.characteristicPolynomial` in Matrix+CharacteristicPolynomial.swift), also
    /// when called from generic code.
    @inlinable
    public var characteristicPolynomial: [Scalar] {
        precondition(isSquare, "Matrix.characteristicPolynomial of a non-square \(rows) x \(columns) matrix")
        if let exact = self as? Matrix<Rational> {
            return exact.multimodularCharacteristicPolynomial as! [Scalar]
        }
        return berkowitzCharacteristicPolynomial
    }

    /// Division-free Berkowitz on the entries as given (see `characteristicPolynomial`).
    @inlinable
    var berkowitzCharacteristicPolynomial: [Scalar] {
        let n = rows
        var p: [Scalar] = [1]  // descending coefficients of det(t I - A_k)
        for k in 0..<n {
            // Leading k x k block A_k, column c = A[0..<k, k], row r = A[k, 0..<k], a = A[k, k].
            var toeplitz: [Scalar] = [1, -elements[k * n + k]]
            var v = (0..<k).map { elements[$0 * n + k] }  // A_k^m c, starting at m = 0
            for m in 0..<k {
                var rv: Scalar = 0
                for j in 0..<k { rv += elements[k * n + j] * v[j] }
                toeplitz.append(-rv)
                if m + 1 < k {
                    var next = [Scalar]()
                    next.reserveCapacity(k)
                    for i in 0..<k {
                        var s: Scalar = 0
                        for j in 0..<k { s += elements[i * n + j] * v[j] }
                        next.append(s)
                    }
                    v = next
                }
            }
            var q = [Scalar]()
            q.reserveCapacity(k + 2)
            for j in 0...(k + 1) {
                var s: Scalar = 0
                for i in 0...min(j, k) { s += toeplitz[j - i] * p[i] }
                q.append(s)
            }
            p = q
        }
        return p.reversed()
    }
}

extension Matrix where Scalar == Rational {
    /// The lcm of the denominators of all entries, or nil when it is 1 (all entries integers).
    @usableFromInline
    var denominatorLCM: BigInteger? {
        var scale = BigInteger(1)
        for entry in elements where !entry.isInteger {
            scale = BigInteger.lcm(scale, entry.denominator)
        }
        return scale == 1 ? nil : scale
    }
}
