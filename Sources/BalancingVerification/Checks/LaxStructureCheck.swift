import Rationals

/// Check 2, the Lax structure of the balancing flow and its conserved quantities.
///
/// With g the exact imbalance of J (integer p, rational alpha), in this order:
/// 1. the rule J'_ij = J_ij (g_j - g_i) equals the commutator [J, G] = J G - G J, G = diag(g);
/// 2. tr(J^(k-1) J') = 0 for k = 1 ... N (so d/dt tr(J^k) = k tr(J^(k-1) J') = 0);
/// then, for J~ = D^-1 J D (or a claimed J~):
/// 3. every entry keeps its sign (and so the support);
/// 4. every diagonal entry J~_ii == J_ii;
/// 5. every signed cycle ratio of the cycle basis (`CycleBasis`) is equal;
/// 6. charpoly(J~) == charpoly(J), coefficient by coefficient;
/// 7. the orbit witness d built from the spanning forest satisfies J~ == D^-1 J D exactly (this
///    follows from 3 and 5, and shows the invariants are a complete set on this input).
/// The first relation that fails is named in the report.
public struct LaxStructureCheck: Sendable, Equatable, Codable {
    /// The cost whose imbalance g drives the flow (integer p).
    public var cost: ExactCostModel
    /// The transformed matrix to compare with J.
    public var transformed: OrbitPoint

    public init(cost: ExactCostModel, transformed: OrbitPoint) {
        self.cost = cost
        self.transformed = transformed
    }

    /// Runs the check on the network's recurrent weights J.
    public func run(on network: ExactNetwork) throws -> CheckReport {
        try run(onWeights: network.recurrentWeights)
    }

    /// Runs the check on the weights J.
    /// - Throws: `shapeMismatch`, `nonPositiveScale`, and the cost model's errors.
    public func run(onWeights weights: Matrix<Rational>) throws -> CheckReport {
        let n = weights.rows
        let g = try cost.imbalance(of: weights)
        let other = try transformed.matrix(for: weights)
        var values: [ReportValue] = [ReportValue(name: "imbalance g", rationals: g)]
        var failure: CheckFailure?

        // 1. J' = J diag(g) - diag(g) J, entrywise J_ij (g_j - g_i), against the library commutator.
        var rate = weights
        for i in 0..<n { for j in 0..<n { rate[i, j] = weights[i, j] * (g[j] - g[i]) } }
        let commutator = Matrix.commutator(weights, Matrix.diagonal(g))
        if let bad = rate.elements.indices.first(where: { rate.elements[$0] != commutator.elements[$0] }) {
            failure = CheckFailure(invariant: "J'\(entryName(bad, columns: n)) = [J, G]\(entryName(bad, columns: n))",
                                   expected: rate.elements[bad].description, actual: commutator.elements[bad].description)
        }

        // 2. tr(J^(k-1) J') = 0 for k = 1 ... N (so d/dt tr(J^k) = k tr(J^(k-1) J') = 0).
        if failure == nil {
            let traces = Self.traces(weights: weights, rate: rate)
            if let k = traces.firstIndex(where: { !$0.isZero }) {
                failure = CheckFailure(invariant: "tr(J^\(k) J') = 0", step: k + 1, expected: "0", actual: traces[k].description)
            }
            values.append(ReportValue(name: "tr(J^(k-1) J'), k = 1...N", exact: traces.map(\.description)))
        }

        // 3. Signs (hence the support) of every entry.
        if failure == nil, let bad = weights.elements.indices.first(where: { weights.elements[$0].signum != other.elements[$0].signum }) {
            failure = CheckFailure(invariant: "sign of J\(entryName(bad, columns: n))",
                                   expected: String(weights.elements[bad].signum), actual: String(other.elements[bad].signum))
        }
        // 4. The diagonal.
        if failure == nil, let i = (0..<n).first(where: { weights[$0, $0] != other[$0, $0] }) {
            failure = CheckFailure(invariant: "diagonal J[\(i),\(i)]", expected: weights[i, i].description, actual: other[i, i].description)
        }
        // 5. The signed cycle ratios of the fundamental cycles.
        let basis = CycleBasis(supportOf: weights)
        var cycleValues: [String] = []
        if failure == nil {
            for cycle in basis.cycles {
                let before = basis.value(of: cycle, in: weights)!
                let after = basis.value(of: cycle, in: other)!   // same support, checked in 3
                cycleValues.append("\(cycle.name) = \(before)")
                if before != after {
                    failure = CheckFailure(invariant: "cycle product \(cycle.name)", expected: before.description, actual: after.description)
                    break
                }
            }
        }
        values.append(ReportValue(name: "diagonal", rationals: (0..<n).map { weights[$0, $0] }))
        values.append(ReportValue(name: "cycle invariants", exact: cycleValues))
        values.append(ReportValue(name: "off-diagonal synapses", integer: basis.offDiagonalSynapseCount))
        values.append(ReportValue(name: "connected components", integer: basis.componentCount))
        values.append(ReportValue(name: "independent cycle invariants (synapses - N + components)", integer: basis.independentCycleCount))
        values.append(ReportValue(name: "independent conserved quantities (cycle invariants + N diagonal entries)",
                                  integer: basis.independentCycleCount + n))

        // 6. The characteristic polynomial.
        if failure == nil {
            let before = weights.characteristicPolynomial
            let after = other.characteristicPolynomial
            values.append(ReportValue(name: "charpoly coefficients (ascending)", rationals: before))
            if let k = before.indices.first(where: { before[$0] != after[$0] }) {
                failure = CheckFailure(invariant: "charpoly coefficient of t^\(k)", expected: before[k].description, actual: after[k].description)
            }
        }
        // 7. Completeness: rebuild d from the tree synapses and compare every entry.
        if failure == nil {
            if let witness = basis.orbitWitness(of: weights, other: other) {
                let rebuilt = weights.diagonalSimilarity(witness)
                values.append(ReportValue(name: "orbit witness d (1 at each component root)", rationals: witness))
                if let bad = rebuilt.elements.indices.first(where: { rebuilt.elements[$0] != other.elements[$0] }) {
                    failure = CheckFailure(invariant: "J~\(entryName(bad, columns: n)) = (D^-1 J D)\(entryName(bad, columns: n)) for the witness d",
                                           expected: rebuilt.elements[bad].description, actual: other.elements[bad].description)
                }
            } else {
                failure = CheckFailure(invariant: "orbit witness (a tree synapse changed sign)", expected: "positive ratio", actual: "non-positive ratio")
            }
        }
        let summary = failure.map { "broken: \($0.invariant)" }
            ?? "J' = [J, G], tr(J^(k-1) J') = 0 for k = 1...\(n), signs, diagonal, \(basis.independentCycleCount) cycle invariants and charpoly agree; J~ = D^-1 J D for the witness d"
        let inputsSummary: [ReportValue] = [
            ReportValue(name: "neurons N", integer: n),
            ReportValue(name: "cost exponent p", integer: cost.exponent),
            transformedInput,
        ]
        return CheckReport(check: .laxStructure, summary: summary, inputs: inputsSummary, values: values,
                           verdict: failure == nil ? .verified : .failed, failure: failure)
    }

    private var transformedInput: ReportValue {
        switch transformed {
        case let .scales(d): ReportValue(name: "scales d", rationals: d)
        case .weights: ReportValue(name: "transformed weights", text: "given (claimed to lie on the orbit of J)")
        }
    }
}
