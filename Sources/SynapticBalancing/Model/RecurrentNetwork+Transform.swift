import RealModule

extension RecurrentNetwork {
    /// The task-preserving transform by d > 0 (docs/math.md "Task-preserving transform"), D = diag(d):
    /// J~ = D^-1 J D (J~_ij = J_ij d_j / d_i), W_in~ = D^-1 W_in, b~ = D^-1 b, W_out~ = W_out D.
    /// The states map as x~ = D^-1 x. Throws for d_i <= 0, non-finite d, a wrong count, or tanh.
    public func transformed(byScales d: [Double]) throws -> RecurrentNetwork {
        try transformed(byScales: d, recurrentWeights: nil)
    }

    /// The transform by d, with J~ = D^-1 J D already computed (`orbitWeights`, the same products)
    /// when `transformedJ` is given: balancing at N = 4096 then forms the N^2 matrix once, not twice.
    func transformed(byScales d: [Double], recurrentWeights transformedJ: DenseMatrix?) throws -> RecurrentNetwork {
        let n = neuronCount
        guard d.count == n else {
            throw BalancingError.shapeMismatch("scales d have \(d.count) entries, expected \(n) (neurons)")
        }
        if let k = d.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "scales", index: k) }
        if let k = d.firstIndex(where: { $0 <= 0 }) {
            throw BalancingError.invalidParameter("scale d[\(k)] = \(d[k]) must be > 0")
        }
        guard nonlinearity.isPositivelyHomogeneous else {
            throw BalancingError.nonHomogeneousNonlinearity(
                "\(nonlinearity.name) is not positively homogeneous, so phi(D x) != D phi(x) and the transform changes the task")
        }
        var result = self
        let m = inputCount, k = outputCount
        // J~ in a loop of its own: a write to result's J inside the loop below would make it unique
        // (an N^2 copy of a given `transformedJ`, which the caller still holds) even when unused.
        if let transformedJ {
            result.recurrentWeights = transformedJ
        } else {
            for i in 0..<n {
                let inv = 1 / d[i]
                // J~_ij = J_ij d_j (1 / d_i); the diagonal is kept exactly (J~_ii = J_ii)
                for j in 0..<n where j != i {
                    result.recurrentWeights.elements[i * n + j] = recurrentWeights.elements[i * n + j] * d[j] * inv
                }
            }
        }
        for i in 0..<n {
            let inv = 1 / d[i]
            for c in 0..<m { result.inputWeights.elements[i * m + c] = inputWeights.elements[i * m + c] * inv }
            result.bias[i] = bias[i] * inv
        }
        for r in 0..<k {
            for j in 0..<n { result.outputWeights.elements[r * n + j] = outputWeights.elements[r * n + j] * d[j] }
        }
        try result.validateTransformFinite()
        return result
    }

    /// The transform by d = exp(h) (see `transformed(byScales:)`).
    public func transformed(byLogScales h: [Double]) throws -> RecurrentNetwork {
        try transformed(byLogScales: h, recurrentWeights: nil)
    }

    func transformed(byLogScales h: [Double], recurrentWeights transformedJ: DenseMatrix?) throws -> RecurrentNetwork {
        guard h.count == neuronCount else {
            throw BalancingError.shapeMismatch("log scales h have \(h.count) entries, expected \(neuronCount) (neurons)")
        }
        if let k = h.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "logScales", index: k) }
        let d = h.map { Double.exp($0) }
        if let k = d.firstIndex(where: { $0 == 0 || !$0.isFinite }) {
            throw BalancingError.invalidParameter("exp(h[\(k)]) with h[\(k)] = \(h[k]) is not a positive finite double")
        }
        return try transformed(byScales: d, recurrentWeights: transformedJ)
    }

    /// The hidden state of the transformed network that corresponds to `state`: x~ = D^-1 x, d = exp(h).
    public func transformedState(_ state: [Double], byLogScales h: [Double]) throws -> [Double] {
        guard state.count == neuronCount, h.count == neuronCount else {
            throw BalancingError.shapeMismatch("state has \(state.count) and h has \(h.count) entries, expected \(neuronCount) (neurons)")
        }
        return zip(state, h).map { $0 * Double.exp(-$1) }
    }

    private func validateTransformFinite() throws {
        try recurrentWeights.validateFinite(field: "transformed recurrentWeights")
        try inputWeights.validateFinite(field: "transformed inputWeights")
        try outputWeights.validateFinite(field: "transformed outputWeights")
        if let k = bias.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "transformed bias", index: k) }
    }
}
