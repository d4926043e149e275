import Rationals

/// The cost C = sum_ij c_ij, c_ij = alpha_ij |J_ij|^p, with an integer exponent p >= 1 so that every
/// quantity of the balancing rule is rational: the costs, the imbalance
/// g_i = sum_j c_ij - sum_j c_ji (incoming minus outgoing) and the cost along the orbit,
/// c_ij(d) = c_ij (d_j / d_i)^p.
public struct ExactCostModel: Sendable, Equatable {
    /// p >= 1.
    public let exponent: Int
    /// alpha.
    public let weighting: ExactCostWeighting

    /// - Throws: `invalidParameter` when p < 1, or a presynaptic weight is negative.
    public init(exponent: Int = 2, weighting: ExactCostWeighting = .uniform) throws {
        guard exponent >= 1 else {
            throw VerificationError.invalidParameter("cost exponent p = \(exponent) must be an integer >= 1 for exact checks")
        }
        if case let .presynaptic(r) = weighting, let bad = r.firstIndex(where: { $0.signum < 0 }) {
            throw VerificationError.invalidParameter("presynaptic cost weight r[\(bad)] = \(r[bad]) is negative")
        }
        if case let .full(alpha) = weighting, let bad = alpha.elements.firstIndex(where: { $0.signum < 0 }) {
            throw VerificationError.invalidParameter("cost weight alpha (flat index \(bad)) = \(alpha.elements[bad]) is negative")
        }
        self.exponent = exponent
        self.weighting = weighting
    }

    /// The largest size in bits of a power |J_ij|^p that `costs(of:)` computes (about 5 million
    /// decimal digits); a larger one would exhaust memory or abort inside GMP.
    public static let maximumPowerBits = 1 << 24

    /// c_ij = alpha_ij |J_ij|^p for a square J.
    /// - Throws: `shapeMismatch`, and `invalidParameter` when some |J_ij|^p would exceed `maximumPowerBits`.
    public func costs(of weights: Matrix<Rational>) throws -> Matrix<Rational> {
        guard weights.rows == weights.columns else {
            throw VerificationError.shapeMismatch("recurrent weights are \(weights.rows) x \(weights.columns), expected square")
        }
        let alpha = try weighting.weights(neurons: weights.rows)
        var c = weights
        for index in c.elements.indices {
            let entry = c.elements[index]
            if entry.isZero { continue }
            let magnitude = entry.magnitude
            // |num|^p and den^p have at most p * bitLength bits each (none for a part equal to 1).
            let bits = (magnitude.numerator == 1 ? 0 : magnitude.numerator.bitLength)
                + (magnitude.denominator == 1 ? 0 : magnitude.denominator.bitLength)
            guard bits <= Self.maximumPowerBits / exponent else {
                throw VerificationError.invalidParameter(
                    "the cost |J\(entryName(index, columns: weights.columns))|^\(exponent) would need more than \(Self.maximumPowerBits) bits (|J\(entryName(index, columns: weights.columns))| has \(bits) bits, p = \(exponent)); exact checks are limited to powers of that size")
            }
            var value = bits == 0 ? Rational(1) : magnitude.power(exponent)
            if let alpha { value = alpha.elements[index] * value }
            c.elements[index] = value
        }
        return c
    }

    /// c_ij(d) = alpha_ij |(D^-1 J D)_ij|^p = c_ij (d_j / d_i)^p, the costs after the transform by d.
    public func costs(of weights: Matrix<Rational>, scales d: [Rational]) throws -> Matrix<Rational> {
        try validateScales(d, neurons: weights.rows)
        return try costs(of: weights.diagonalSimilarity(d))
    }

    /// g_i = sum_j c_ij - sum_j c_ji: incoming minus outgoing cost of neuron i.
    public static func imbalance(ofCosts c: Matrix<Rational>) -> [Rational] {
        let n = c.rows
        var g = Array(repeating: Rational(0), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let value = c[i, j]
                if value.isZero { continue }
                g[i] += value
                g[j] -= value
            }
        }
        return g
    }

    /// C = sum_ij c_ij.
    public static func totalCost(ofCosts c: Matrix<Rational>) -> Rational {
        c.elements.reduce(Rational(0)) { $0 + $1 }
    }

    /// g for the weights J (see `imbalance(ofCosts:)`).
    public func imbalance(of weights: Matrix<Rational>) throws -> [Rational] {
        Self.imbalance(ofCosts: try costs(of: weights))
    }

    /// C for the weights J.
    public func totalCost(of weights: Matrix<Rational>) throws -> Rational {
        Self.totalCost(ofCosts: try costs(of: weights))
    }
}
