import RealModule

/// The synaptic cost c_ij = alpha_ij |J_ij|^p (docs/math.md "Cost and local rule"), its total C and the
/// imbalance g_i = sum_j c_ij - sum_j c_ji (incoming minus outgoing cost of neuron i).
public struct CostModel: Sendable, Equatable {
    /// p > 0.
    public var exponent: Double
    /// alpha >= 0.
    public var weighting: CostWeighting

    /// Throws `invalidParameter` for p <= 0 or non-finite p, negative alpha, and `nonFinite` for NaN/Inf alpha.
    public init(exponent: Double = 2, weighting: CostWeighting = .uniform) throws {
        guard exponent.isFinite else { throw BalancingError.invalidParameter("cost exponent p must be finite, got \(exponent)") }
        guard exponent > 0 else { throw BalancingError.invalidParameter("cost exponent p must be > 0, got \(exponent)") }
        switch weighting {
        case .uniform: break
        case let .presynaptic(a):
            if let k = a.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "alpha (presynaptic)", index: k) }
            if let k = a.firstIndex(where: { $0 < 0 }) {
                throw BalancingError.invalidParameter("cost weight alpha[\(k)] = \(a[k]) (presynaptic) must be >= 0")
            }
        case let .full(a):
            guard a.rows == a.columns else {
                throw BalancingError.shapeMismatch("full cost weights alpha are \(a.rows) x \(a.columns), expected a square matrix")
            }
            try a.validateFinite(field: "alpha (full)")
            if let k = a.elements.firstIndex(where: { $0 < 0 }) {
                throw BalancingError.invalidParameter(
                    "cost weight alpha[\(k / max(a.columns, 1)), \(k % max(a.columns, 1))] = \(a.elements[k]) must be >= 0")
            }
        }
        self.exponent = exponent
        self.weighting = weighting
    }

    /// The robustness cost: p = 2, alpha_ij = r_j (r_j >= 0 the mean presynaptic gains).
    public static func robustness(gains: [Double]) throws -> CostModel {
        try CostModel(exponent: 2, weighting: .presynaptic(gains))
    }

    /// Throws unless alpha fits an n-neuron network.
    func validate(neuronCount n: Int) throws {
        switch weighting {
        case .uniform: break
        case let .presynaptic(a):
            guard a.count == n else {
                throw BalancingError.shapeMismatch("presynaptic cost weights have \(a.count) entries, expected \(n) (neurons)")
            }
        case let .full(a):
            guard a.rows == n, a.columns == n else {
                throw BalancingError.shapeMismatch("full cost weights alpha are \(a.rows) x \(a.columns), expected \(n) x \(n)")
            }
        }
    }

    /// Validates J (square, finite) against this model.
    func validate(_ J: DenseMatrix) throws {
        guard J.rows == J.columns else {
            throw BalancingError.shapeMismatch("recurrent weights J are \(J.rows) x \(J.columns), expected a square matrix")
        }
        try J.validateFinite(field: "recurrentWeights")
        try validate(neuronCount: J.rows)
    }

    /// alpha_ij.
    @inline(__always)
    func alpha(_ i: Int, _ j: Int, _ n: Int) -> Double {
        switch weighting {
        case .uniform: return 1
        case let .presynaptic(a): return a[j]
        case let .full(a): return a.elements[i * n + j]
        }
    }

    /// |x|^p, with the common exponents done by multiplication.
    @inline(__always)
    func power(_ x: Double) -> Double {
        let a = Swift.abs(x)
        if exponent == 2 { return a * a }
        if exponent == 1 { return a }
        if a == 0 { return 0 }
        return Double.pow(a, exponent)
    }

    /// The cost matrix c_ij = alpha_ij |J_ij|^p (diagonal included; it is invariant under balancing).
    public func costs(of J: DenseMatrix) throws -> DenseMatrix {
        try validate(J)
        var c = DenseMatrix(rows: J.rows, columns: J.columns)
        fillCosts(of: J, into: &c.elements)
        try c.validateFinite(field: "costs (alpha |J|^p overflowed)")
        return c
    }

    /// c_ij into a row-major buffer, the weighting switched on once, outside the loops.
    func fillCosts(of J: DenseMatrix, into out: inout [Double]) {
        let n = J.rows
        J.elements.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { c in
                switch weighting {
                case .uniform:
                    for k in 0..<(n * n) { c[k] = power(w[k]) }
                case let .presynaptic(a):
                    a.withUnsafeBufferPointer { a in
                        for i in 0..<n { for j in 0..<n { let k = i * n + j; c[k] = w[k] == 0 ? 0 : a[j] * power(w[k]) } }
                    }
                case let .full(a):
                    a.elements.withUnsafeBufferPointer { a in
                        for k in 0..<(n * n) { c[k] = w[k] == 0 ? 0 : a[k] * power(w[k]) }
                    }
                }
            }
        }
    }

    /// C = sum_ij c_ij.
    public func totalCost(of J: DenseMatrix) throws -> Double {
        let c = try costs(of: J)
        var total = 0.0
        c.elements.withUnsafeBufferPointer { for v in $0 { total += v } }
        return total
    }

    /// g_i = sum_j c_ij - sum_j c_ji (the diagonal cancels).
    public func imbalance(of J: DenseMatrix) throws -> [Double] {
        let c = try costs(of: J)
        let n = J.rows
        var g = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let v = c.elements[i * n + j]
                g[i] += v
                g[j] -= v
            }
        }
        return g
    }
}
