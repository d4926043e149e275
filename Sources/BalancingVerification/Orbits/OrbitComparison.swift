import Foundation
import Rationals

/// Decides whether network B is a task-preserving transform of network A: B = T_d(A) for a positive
/// diagonal d, i.e. J_B = D^-1 J_A D, W_in_B = D^-1 W_in_A, b_B = D^-1 b_A, W_out_B = W_out_A D, with
/// equal dt/tau and nonlinearity.
///
/// d is derived exactly from a spanning forest of the undirected support graph of J_A (d_j / d_i from
/// one synapse per tree edge); each tree's overall scale is fixed by the first non-zero entry of W_in,
/// b or W_out on one of its neurons (free, d = 1 at the root, when there is none). Then every entry of
/// T_d(A) is compared with B exactly: no tolerance enters the `verified` outcome. Sign and zero-pattern
/// differences are hard failures. For a B that is only near the orbit, a least-squares fit of d on
/// log-magnitudes reports how far B is from the orbit, matrix by matrix.
public struct OrbitComparison: Sendable {
    /// The trials for the exact simulations: each T rows of M inputs (at least one trial).
    public var trials: [[[Rational]]]
    /// The first trial.
    public var inputs: [[Rational]] { trials[0] }
    /// x_0 of every trial, N entries.
    public var initialState: [Rational]
    /// The cost whose imbalance g of B is reported.
    public var cost: ExactCostModel
    /// Skip the exact simulations above this many neurons (their rationals grow quickly).
    public var maximumSimulationNeurons: Int

    /// A comparison with a trial and a cost model.
    /// - Parameters:
    ///   - inputs: T rows of M inputs for the exact simulations of A and B.
    ///   - initialState: x_0, N entries.
    ///   - cost: the cost model for the balance report of B (Frobenius by default).
    ///   - maximumSimulationNeurons: above this N the simulations are skipped (noted in the report).
    /// - Throws: `invalidParameter` from the default cost model (never for the default).
    public init(inputs: [[Rational]], initialState: [Rational], cost: ExactCostModel? = nil,
                maximumSimulationNeurons: Int = 32) throws {
        try self.init(trials: [inputs], initialState: initialState, cost: cost, maximumSimulationNeurons: maximumSimulationNeurons)
    }

    /// A comparison with several trials (all simulated; the certificate carries one claim per trial).
    /// - Parameters:
    ///   - trials: one or more trials, each T rows of M inputs.
    ///   - initialState: x_0 of every trial, N entries.
    ///   - cost: the cost model for the balance report of B (Frobenius by default).
    ///   - maximumSimulationNeurons: above this N the simulations are skipped (noted in the report).
    /// - Throws: `invalidParameter` for no trials or from the default cost model.
    public init(trials: [[[Rational]]], initialState: [Rational], cost: ExactCostModel? = nil,
                maximumSimulationNeurons: Int = 32) throws {
        guard !trials.isEmpty else { throw VerificationError.invalidParameter("a comparison needs at least one trial") }
        self.trials = trials
        self.initialState = initialState
        self.cost = try cost ?? ExactCostModel(exponent: 2, weighting: .uniform)
        self.maximumSimulationNeurons = maximumSimulationNeurons
    }

    /// Compares B with the orbit of A.
    /// - Parameters:
    ///   - a: the original network.
    ///   - b: the network claimed to be T_d(A).
    /// - Returns: the report: `verified` with the exact d, or the first failing entry (and, near the
    ///   orbit, the least-squares fit and the output difference), and the balance of B.
    /// - Throws: `shapeMismatch` naming the matrix and both shapes when A and B differ in shape (or the
    ///   trial does not fit), `nonHomogeneousNonlinearity` when phi is not positively homogeneous.
    public func compare(_ a: ExactNetwork, _ b: ExactNetwork) throws -> OrbitComparisonReport {
        try Self.checkShapes(a, b)
        guard a.nonlinearity.isPositivelyHomogeneous else {
            throw VerificationError.nonHomogeneousNonlinearity(
                "A's \(a.nonlinearity.name) is not positively homogeneous, so no diagonal transform preserves its task")
        }
        var report = OrbitComparisonReport(
            outcome: .verified, scales: nil, scaleAnchors: [], firstFailure: nil, fit: nil,
            maximumOutputDifference: nil, maximumOutput: nil, trialSteps: trials.map(\.count).reduce(0, +),
            bIsBalanced: false, bRelativeImbalance: 0, bImbalance: [], notes: [])
        try reportBalance(of: b, into: &report)

        if let hard = Self.firstHardFailure(a, b) {
            report.outcome = .hardFailure
            report.firstFailure = hard
            return report
        }
        let (d, anchors) = Self.deriveScales(a, b)
        report.scales = d.map(\.description)
        report.scaleAnchors = anchors
        let image = try a.transformed(byScales: d)
        // B's trial starts at D^-1 x_0 (the state of T_d(A) is D^-1 x): the exact d when verified, the
        // fitted d (exp(h) rounded to doubles, then exact) near the orbit.
        var trialScales = d
        if let mismatch = Self.firstMismatch(a: a, image: image, b: b) {
            report.outcome = .notOnOrbit
            report.firstFailure = mismatch
            let fit = Self.fit(a, b)
            report.fit = fit
            trialScales = try ExactConversion.scales(fromLogScales: fit.logScales)
        }
        if a.neuronCount <= maximumSimulationNeurons {
            var difference = Rational(0), largest = Rational(0)
            for inputs in trials {
                let ya = try a.simulate(inputs: inputs, initialState: initialState).outputs
                let yb = try b.simulate(inputs: inputs, initialState: zip(initialState, trialScales).map { $0 / $1 }).outputs
                for (ra, rb) in zip(ya, yb) {
                    for (x, y) in zip(ra, rb) {
                        difference = Swift.max(difference, (x - y).magnitude)
                        largest = Swift.max(largest, x.magnitude)
                    }
                }
            }
            report.maximumOutputDifference = difference.doubleValue
            report.maximumOutput = largest.doubleValue
        } else {
            report.notes.append("exact simulations skipped: N = \(a.neuronCount) is above \(maximumSimulationNeurons) neurons")
        }
        return report
    }

    /// A certificate that B = T_d(A), re-checkable from the file alone: kind `orbitComparison`, network
    /// A, one input-output invariance claim per trial with the report's exact d, that trial and B as
    /// the claimed transformed network (compared entrywise with D^-1 A D, then on the trial).
    /// - Parameters:
    ///   - a: the original network.
    ///   - b: the compared network.
    ///   - report: the comparison's report; its outcome must be `verified`.
    ///   - description: free text carried along.
    /// - Returns: the issued certificate (its claim already run).
    /// - Throws: `invalidParameter` when the report is not `verified` (there is no d to certify), the
    ///   claim's errors otherwise.
    public func certificate(_ a: ExactNetwork, _ b: ExactNetwork, report: OrbitComparisonReport,
                            description: String? = nil) throws -> Certificate {
        guard report.outcome == .verified, let scales = report.scales else {
            throw VerificationError.invalidParameter("only a verified comparison has a d to certify; this one is \(report.outcome.rawValue)")
        }
        let d = try scales.map { text -> Rational in
            guard let value = Rational(text) else { throw VerificationError.invalidParameter("scale '\(text)' is not a rational") }
            return value
        }
        let claims = trials.map { inputs in
            Claim.inputOutputInvariance(InputOutputInvarianceCheck(scales: d, inputs: inputs, initialState: initialState, transformedNetwork: b))
        }
        return try Certificate(kind: .orbitComparison, network: a, claims: claims, description: description)
    }

    // MARK: - Steps

    /// g and |g|/C of B.
    func reportBalance(of b: ExactNetwork, into report: inout OrbitComparisonReport) throws {
        let c = try cost.costs(of: b.recurrentWeights)
        let g = ExactCostModel.imbalance(ofCosts: c)
        let total = ExactCostModel.totalCost(ofCosts: c)
        report.bImbalance = g.map(\.description)
        report.bIsBalanced = g.allSatisfy(\.isZero)
        if !total.isZero {
            let squared = g.reduce(Rational(0)) { $0 + $1 * $1 } / (total * total)
            report.bRelativeImbalance = squared.doubleValue.squareRoot()
        }
    }

    /// Shapes of J, W_in, W_out, b must agree.
    static func checkShapes(_ a: ExactNetwork, _ b: ExactNetwork) throws {
        let pairs: [(String, Matrix<Rational>, Matrix<Rational>)] = [
            ("J", a.recurrentWeights, b.recurrentWeights),
            ("W_in", a.inputWeights, b.inputWeights),
            ("W_out", a.outputWeights, b.outputWeights),
        ]
        for (name, x, y) in pairs where x.rows != y.rows || x.columns != y.columns {
            throw VerificationError.shapeMismatch("\(name) is \(x.rows) x \(x.columns) in A but \(y.rows) x \(y.columns) in B")
        }
    }

    /// The matrices in comparison order, b as an N x 1 column.
    static func matrices(_ n: ExactNetwork) -> [(String, Matrix<Rational>)] {
        [("J", n.recurrentWeights), ("W_in", n.inputWeights), ("W_out", n.outputWeights),
         ("b", Matrix(rows: n.bias.count, columns: 1, uncheckedElements: n.bias))]
    }

    /// dt/tau, nonlinearity, readout, then the first entry whose sign (or zero) differs.
    static func firstHardFailure(_ a: ExactNetwork, _ b: ExactNetwork) -> OrbitEntryMismatch? {
        if a.timeStepOverTimeConstant != b.timeStepOverTimeConstant {
            return OrbitEntryMismatch(matrix: "dt/tau", row: 0, column: 0, valueA: a.timeStepOverTimeConstant.description,
                                      valueB: b.timeStepOverTimeConstant.description, expected: nil,
                                      reason: "dt/tau differs: a diagonal transform keeps the time constants")
        }
        if a.nonlinearity != b.nonlinearity {
            return OrbitEntryMismatch(matrix: "nonlinearity", row: 0, column: 0, valueA: "\(a.nonlinearity)",
                                      valueB: "\(b.nonlinearity)", expected: nil,
                                      reason: "the nonlinearity differs: a diagonal transform keeps phi")
        }
        if a.readout != b.readout {
            return OrbitEntryMismatch(matrix: "readout", row: 0, column: 0, valueA: a.readout.rawValue, valueB: b.readout.rawValue, expected: nil,
                                      reason: "the readout differs (y = W_out phi(x) vs y = W_out x): a diagonal transform keeps it")
        }
        for ((name, x), (_, y)) in zip(matrices(a), matrices(b)) {
            for k in 0..<x.elements.count where x.elements[k].signum != y.elements[k].signum {
                let (sa, sb) = (x.elements[k].signum, y.elements[k].signum)
                let reason = sa == 0 || sb == 0
                    ? "sparsity pattern differs (\(sa == 0 ? "B creates a synapse" : "B removes a synapse")): no diagonal similarity creates or destroys a zero"
                    : "sign differs: no positive diagonal similarity changes a sign"
                return OrbitEntryMismatch(matrix: name, row: k / x.columns, column: k % x.columns,
                                          valueA: x.elements[k].description, valueB: y.elements[k].description,
                                          expected: nil, reason: reason)
            }
        }
        return nil
    }

    /// Exact d from a spanning forest of J_A's undirected support (breadth first, roots in index
    /// order), each tree rescaled so that its first anchor (W_in row, b, W_out column) holds exactly.
    /// Assumes the sign patterns agree (so every ratio is positive).
    static func deriveScales(_ a: ExactNetwork, _ b: ExactNetwork) -> ([Rational], [String]) {
        let n = a.neuronCount
        let ja = a.recurrentWeights, jb = b.recurrentWeights
        var d = [Rational?](repeating: nil, count: n)
        var anchors: [String] = []
        for root in 0..<n where d[root] == nil {
            d[root] = Rational(1)
            var tree = [root]
            var head = 0
            while head < tree.count {
                let i = tree[head]; head += 1
                for j in 0..<n where j != i && d[j] == nil {
                    if !ja[i, j].isZero {
                        d[j] = d[i]! * jb[i, j] / ja[i, j]      // J_B[i,j] = J_A[i,j] d_j / d_i
                    } else if !ja[j, i].isZero {
                        d[j] = d[i]! * ja[j, i] / jb[j, i]      // J_B[j,i] = J_A[j,i] d_i / d_j
                    } else { continue }
                    tree.append(j)
                }
            }
            // The tree's scale: the first anchor on its neurons (in neuron order).
            var factor: Rational?
            var anchor = "free (d = 1 at the root)"
            search: for i in tree.sorted() {
                for k in 0..<a.inputCount where !a.inputWeights[i, k].isZero {
                    factor = (a.inputWeights[i, k] / b.inputWeights[i, k]) / d[i]!
                    anchor = "W_in[\(i),\(k)]"; break search
                }
                if !a.bias[i].isZero {
                    factor = (a.bias[i] / b.bias[i]) / d[i]!
                    anchor = "b[\(i)]"; break search
                }
                for r in 0..<a.outputCount where !a.outputWeights[r, i].isZero {
                    factor = (b.outputWeights[r, i] / a.outputWeights[r, i]) / d[i]!
                    anchor = "W_out[\(r),\(i)]"; break search
                }
            }
            if let factor { for i in tree { d[i] = d[i]! * factor } }
            anchors.append("tree of neuron \(root) (\(tree.count) neuron\(tree.count == 1 ? "" : "s")): \(anchor)")
        }
        return (d.map { $0! }, anchors)
    }

    /// The first entry (J, W_in, W_out, b; row-major) where B differs from T_d(A).
    static func firstMismatch(a: ExactNetwork, image: ExactNetwork, b: ExactNetwork) -> OrbitEntryMismatch? {
        let relation = ["J": "D^-1 J_A D", "W_in": "D^-1 W_in_A", "W_out": "W_out_A D", "b": "D^-1 b_A"]
        for (((name, x), (_, t)), (_, y)) in zip(zip(matrices(a), matrices(image)), matrices(b)) {
            for k in 0..<t.elements.count where t.elements[k] != y.elements[k] {
                return OrbitEntryMismatch(matrix: name, row: k / t.columns, column: k % t.columns,
                                          valueA: x.elements[k].description, valueB: y.elements[k].description,
                                          expected: t.elements[k].description,
                                          reason: "B differs from \(relation[name]!) with the derived d")
            }
        }
        return nil
    }

    /// Least squares on log-magnitudes in Double (the patterns agree), and the relative deviations.
    static func fit(_ a: ExactNetwork, _ b: ExactNetwork) -> OrbitFit {
        let n = a.neuronCount
        var normal = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        var residualTerms: [(Double, [(Int, Double)])] = []
        func equation(_ target: Double, _ terms: [(Int, Double)]) {
            residualTerms.append((target, terms))
            for (i, ci) in terms {
                rhs[i] += ci * target
                for (j, cj) in terms { normal[i * n + j] += ci * cj }
            }
        }
        func logRatio(_ x: Rational, _ y: Rational) -> Double {
            Foundation.log(Swift.abs(y.doubleValue)) - Foundation.log(Swift.abs(x.doubleValue))
        }
        for i in 0..<n {
            for j in 0..<n where i != j && !a.recurrentWeights[i, j].isZero {
                equation(logRatio(a.recurrentWeights[i, j], b.recurrentWeights[i, j]), [(j, 1), (i, -1)])
            }
            for k in 0..<a.inputCount where !a.inputWeights[i, k].isZero {
                equation(logRatio(a.inputWeights[i, k], b.inputWeights[i, k]), [(i, -1)])
            }
            if !a.bias[i].isZero { equation(logRatio(a.bias[i], b.bias[i]), [(i, -1)]) }
            for r in 0..<a.outputCount where !a.outputWeights[r, i].isZero {
                equation(logRatio(a.outputWeights[r, i], b.outputWeights[r, i]), [(i, 1)])
            }
        }
        // A part the equations leave free shows as a vanishing pivot: its h is fixed there to 0.
        let h = solveSemidefinite(normal, rhs, n)
        var sum = 0.0
        for (target, terms) in residualTerms {
            let r = terms.reduce(0.0) { $0 + $1.1 * h[$1.0] } - target
            sum += r * r
        }
        let rms = residualTerms.isEmpty ? 0 : (sum / Double(residualTerms.count)).squareRoot()
        let dd = h.map { Foundation.exp($0) }
        func deviation(_ x: Matrix<Rational>, _ y: Matrix<Rational>, _ scale: (Int, Int) -> Double) -> Double {
            var worst = 0.0
            for r in 0..<x.rows {
                for c in 0..<x.columns where !x[r, c].isZero {
                    let t = x[r, c].doubleValue * scale(r, c)
                    worst = Swift.max(worst, Swift.abs(y[r, c].doubleValue - t) / Swift.abs(t))
                }
            }
            return worst
        }
        let bA = Matrix(rows: n, columns: 1, uncheckedElements: a.bias), bB = Matrix(rows: n, columns: 1, uncheckedElements: b.bias)
        return OrbitFit(
            logScales: h, logResidualRMS: rms,
            recurrentDeviation: deviation(a.recurrentWeights, b.recurrentWeights) { dd[$1] / dd[$0] },
            inputDeviation: deviation(a.inputWeights, b.inputWeights) { i, _ in 1 / dd[i] },
            outputDeviation: deviation(a.outputWeights, b.outputWeights) { _, j in dd[j] },
            biasDeviation: deviation(bA, bB) { i, _ in 1 / dd[i] })
    }

    /// Solves the symmetric positive semidefinite system M h = r by Gaussian elimination with
    /// symmetric pivots in order; a pivot that vanishes (relative to the diagonal) marks a free
    /// direction, and that unknown is set to 0.
    static func solveSemidefinite(_ matrix: [Double], _ rhs: [Double], _ n: Int) -> [Double] {
        var m = matrix, r = rhs
        var free = [Bool](repeating: false, count: n)
        let scale = (0..<n).map { Swift.max(Swift.abs(matrix[$0 * n + $0]), 1) }
        for k in 0..<n {
            let pivot = m[k * n + k]
            if Swift.abs(pivot) <= 1e-12 * scale[k] { free[k] = true; continue }
            for i in (k + 1)..<n where m[i * n + k] != 0 {
                let f = m[i * n + k] / pivot
                for j in k..<n { m[i * n + j] -= f * m[k * n + j] }
                r[i] -= f * r[k]
            }
        }
        var h = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) where !free[k] {
            var s = r[k]
            for j in (k + 1)..<n { s -= m[k * n + j] * h[j] }
            h[k] = s / m[k * n + k]
        }
        return h
    }
}
