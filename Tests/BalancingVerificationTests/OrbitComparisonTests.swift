import BalancingVerification
import Rationals
import Testing

@Suite("Orbit comparison: is B = D^-1 A D?")
struct OrbitComparisonTests {
    static let d = [Rational(1), Rational(2), Rational(1, 3)]

    /// A 3-neuron ReLU network with every weight non-zero.
    static func network(j: [[Rational]]? = nil, bias: [Rational]? = nil) throws -> ExactNetwork {
        let q = { (p: Int, r: Int) in Rational(p, r) }
        return try ExactNetwork(
            recurrentWeights: Matrix(j ?? [[q(1, 2), q(-3, 4), q(1, 8)], [q(2, 1), 0, q(-1, 4)], [q(5, 8), q(3, 2), q(-1, 2)]]),
            inputWeights: Matrix([[q(1, 1)], [q(-1, 2)], [q(3, 4)]]),
            outputWeights: Matrix([[q(1, 2), q(1, 1), q(-1, 4)]]),
            bias: bias ?? [q(1, 8), 0, q(-1, 16)], timeStepOverTimeConstant: q(1, 10), nonlinearity: .relu)
    }

    static func comparison() throws -> OrbitComparison {
        try OrbitComparison(inputs: Array(repeating: [Rational(1)], count: 8), initialState: [1, 1, 1].map { Rational($0) })
    }

    /// B with one J entry replaced.
    static func replacing(_ b: ExactNetwork, row: Int, column: Int, by value: Rational) throws -> ExactNetwork {
        var j = b.recurrentWeights
        j[row, column] = value
        return try ExactNetwork(recurrentWeights: j, inputWeights: b.inputWeights, outputWeights: b.outputWeights,
                                bias: b.bias, timeStepOverTimeConstant: b.timeStepOverTimeConstant, nonlinearity: b.nonlinearity)
    }

    @Test("an exact transform by d = (1, 2, 1/3) is verified and d is recovered exactly")
    func exactTransform() throws {
        let a = try Self.network()
        let b = try a.transformed(byScales: Self.d)
        let report = try Self.comparison().compare(a, b)
        #expect(report.outcome == .verified)
        #expect(report.scales == Self.d.map(\.description))
        #expect(report.firstFailure == nil && report.fit == nil)
        #expect(report.maximumOutputDifference == 0)
    }

    @Test("one entry changed by 1e-12 relative is named with both values", arguments: [(2, 1), (1, 0), (0, 1)])
    func perturbedEntry(row: Int, column: Int) throws {
        let a = try Self.network()
        let b = try a.transformed(byScales: Self.d)
        let changed = b.recurrentWeights[row, column] * (try Rational(numerator: BigInteger(1_000_000_000_001), denominator: BigInteger(1_000_000_000_000)))
        let report = try Self.comparison().compare(a, try Self.replacing(b, row: row, column: column, by: changed))
        #expect(report.outcome == .notOnOrbit)
        let failure = try #require(report.firstFailure)
        #expect(failure.matrix == "J")
        // a tree edge (0,1) changed moves d_1, so the first inconsistent entry is the other synapse
        // of the pair; any other entry is named itself
        if (row, column) == (0, 1) {
            #expect(failure.entryName == "J[1,0]")
        } else {
            #expect(failure.entryName == "J[\(row),\(column)]")
            #expect(failure.valueB == changed.description)
            #expect(failure.expected == b.recurrentWeights[row, column].description)
        }
        let fit = try #require(report.fit)
        #expect(fit.maximumDeviation > 1e-13 && fit.maximumDeviation < 1e-11)
    }

    @Test("a changed bias entry is named")
    func perturbedBias() throws {
        let a = try Self.network()
        let b = try a.transformed(byScales: Self.d)
        var bias = b.bias
        bias[2] = bias[2] * Rational(3, 2)
        let c = try ExactNetwork(recurrentWeights: b.recurrentWeights, inputWeights: b.inputWeights, outputWeights: b.outputWeights,
                                 bias: bias, timeStepOverTimeConstant: b.timeStepOverTimeConstant, nonlinearity: .relu)
        let report = try Self.comparison().compare(a, c)
        #expect(report.firstFailure?.entryName == "b[2]")
    }

    @Test("a sign flip and a created synapse are hard failures")
    func signAndPattern() throws {
        let a = try Self.network()
        let b = try a.transformed(byScales: Self.d)
        let flipped = try Self.comparison().compare(a, try Self.replacing(b, row: 1, column: 2, by: -b.recurrentWeights[1, 2]))
        #expect(flipped.outcome == .hardFailure)
        #expect(flipped.firstFailure?.entryName == "J[1,2]")
        #expect(flipped.firstFailure?.reason.contains("sign") == true)
        #expect(flipped.scales == nil && flipped.maximumOutputDifference == nil)
        let created = try Self.comparison().compare(a, try Self.replacing(b, row: 1, column: 1, by: Rational(1, 1024)))
        #expect(created.outcome == .hardFailure)
        #expect(created.firstFailure?.reason.contains("sparsity") == true)
    }

    @Test("a different dt/tau or nonlinearity is a hard failure")
    func timeConstantsAndNonlinearity() throws {
        let a = try Self.network()
        let b = try a.transformed(byScales: Self.d)
        let slower = try ExactNetwork(recurrentWeights: b.recurrentWeights, inputWeights: b.inputWeights, outputWeights: b.outputWeights,
                                      bias: b.bias, timeStepOverTimeConstant: Rational(1, 20), nonlinearity: .relu)
        let report = try Self.comparison().compare(a, slower)
        #expect(report.outcome == .hardFailure && report.firstFailure?.entryName == "dt/tau")
        let linear = try ExactNetwork(recurrentWeights: b.recurrentWeights, inputWeights: b.inputWeights, outputWeights: b.outputWeights,
                                      bias: b.bias, timeStepOverTimeConstant: b.timeStepOverTimeConstant, nonlinearity: .linear)
        #expect(try Self.comparison().compare(a, linear).firstFailure?.entryName == "nonlinearity")
    }

    @Test("a shape mismatch throws naming the matrix and both shapes")
    func shapeMismatch() throws {
        let a = try Self.network()
        let b = try ExactNetwork(recurrentWeights: Matrix(rows: 2, columns: 2, repeating: Rational(1)), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        #expect(throws: VerificationError.shapeMismatch("J is 3 x 3 in A but 2 x 2 in B")) { try Self.comparison().compare(a, b) }
    }

    @Test("neurons without synapses get their scale from W_in, b or W_out")
    func forestAnchors() throws {
        let q = { (p: Int, r: Int) in Rational(p, r) }
        let a = try ExactNetwork(recurrentWeights: Matrix([[q(1, 2), 0, 0], [0, 0, 0], [0, 0, 0]]),
                                 inputWeights: Matrix([[q(1, 1)], [0], [0]]), outputWeights: Matrix([[0, q(1, 2), 0]]),
                                 bias: [0, 0, q(1, 4)], timeStepOverTimeConstant: q(1, 10), nonlinearity: .linear)
        let d = [q(3, 1), q(1, 5), q(7, 2)]
        let report = try Self.comparison().compare(a, try a.transformed(byScales: d))
        #expect(report.outcome == .verified)
        #expect(report.scales == d.map(\.description))
        #expect(report.scaleAnchors.count == 3)
    }

    @Test("the balance of B is reported exactly")
    func balanceOfB() throws {
        // Fig 1: J = [[0, 1/8], [2, 0]] balanced by d = (1, 4)
        let a = try ExactNetwork(recurrentWeights: Matrix([[0, Rational(1, 8)], [2, 0]]), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        let comparison = try OrbitComparison(inputs: Array(repeating: [], count: 4), initialState: [1, 1])
        let balanced = try comparison.compare(a, try a.transformed(byScales: [1, 4]))
        #expect(balanced.outcome == .verified && balanced.bIsBalanced && balanced.bRelativeImbalance == 0)
        let unbalanced = try comparison.compare(a, try a.transformed(byScales: [1, 2]))
        #expect(unbalanced.outcome == .verified && !unbalanced.bIsBalanced && unbalanced.bRelativeImbalance > 0)
    }
}
