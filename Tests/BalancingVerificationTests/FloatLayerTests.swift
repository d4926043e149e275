import BalancingVerification
import Rationals
import SynapticBalancing
import Testing

/// The exact layer applied to results of the float core (module SynapticBalancing).
@Suite("Exact checks of float results")
struct FloatLayerTests {
    /// A 4-neuron float network with dyadic weights (exact in binary).
    static func floatNetwork(_ phi: Nonlinearity = .relu) throws -> RecurrentNetwork {
        try RecurrentNetwork(
            recurrentWeights: DenseMatrix([[0, 0.5, 0, -1.25], [2, 0, 0.75, 0], [0, -0.5, 0.25, 1.5], [1, 0, -2, 0]]),
            inputWeights: DenseMatrix([[1], [0.5], [-1], [0]]),
            outputWeights: DenseMatrix([[1, -1, 0.5, 2]]),
            bias: [0.125, 0, -0.25, 0], timeConstant: 10, timeStep: 0.5, nonlinearity: phi)
    }

    @Test("float -> exact -> float is the identity for a float network")
    func roundTrip() throws {
        let float = try Self.floatNetwork(.leakyReLU(slope: 0.1))
        let exact = try ExactNetwork(float)
        #expect(exact.timeStepOverTimeConstant == Rational(1, 20))
        #expect(exact.nonlinearity == .leakyReLU(slope: try Rational(exactly: 0.1)))
        let back = try exact.recurrentNetwork(timeConstant: 10)
        #expect(back == float)
        let tanh = try ExactNetwork(try Self.floatNetwork(.tanh))
        #expect(tanh.nonlinearity == .nonHomogeneous(name: "tanh"))
        #expect(try tanh.recurrentNetwork(timeConstant: 10).nonlinearity == .tanh)
    }

    @Test("the float cost model converts exactly; a fractional exponent is refused")
    func costModel() throws {
        let exact = try ExactCostModel(try CostModel(exponent: 2, weighting: .presynaptic([0.5, 1, 0.25, 2])))
        #expect(exact.exponent == 2)
        #expect(exact.weighting == .presynaptic([Rational(1, 2), 1, Rational(1, 4), 2]))
        #expect(throws: VerificationError.self) { try ExactCostModel(try CostModel(exponent: 1.5)) }
    }

    @Test("NaN and infinity are refused with the field and index named")
    func nonFinite() throws {
        #expect(throws: VerificationError.notFinite(field: "J", index: 2)) {
            try ExactConversion.values([1, 2, .nan], field: "J")
        }
        #expect(throws: VerificationError.notFinite(field: "exp(logScales)", index: 1)) {
            try ExactConversion.scales(fromLogScales: [0, 1000])
        }
        #expect(throws: VerificationError.self) { try ExactConversion.scales(fromLogScales: [0, -1000]) }
        #expect(try ExactConversion.scales(fromLogScales: [0, 0]) == [1, 1])
    }

    @Test("the float transform by dyadic scales is exactly the exact transform")
    func floatTransform() throws {
        let float = try Self.floatNetwork()
        let d = [0.5, 2, 4, 0.25]
        let exactOfFloat = try ExactNetwork(try float.transformed(byScales: d))
        let exact = try ExactNetwork(float).transformed(byScales: try ExactConversion.values(d, field: "d"))
        #expect(exactOfFloat == exact)
    }

    @Test("a Newton-balanced network: exact certificate within tolerance, invariance on a trial")
    func newtonResult() throws {
        let float = try Self.floatNetwork()
        let cost = try CostModel(exponent: 2)
        let (_, result) = try float.balanced(cost: cost, solver: .newton)
        let network = try ExactNetwork(float)
        let scales = try ExactConversion.scales(fromLogScales: result.logScales)
        let exactCost = try ExactCostModel(cost)
        let certificate = try BalanceCertificateCheck(cost: exactCost, scales: scales, relativeTolerance: Rational(1, 1_000_000)).run(on: network)
        #expect(certificate.verdict == .verified, "\(certificate.summary)")
        let lower = try #require(certificate.rational(named: "optimal cost lower bound"))
        #expect(lower <= (try #require(certificate.rational(named: "optimal cost upper bound C(d)"))))
        let trial = InputOutputInvarianceCheck(scales: scales, inputs: [[1], [0], [-1], [Rational(1, 2)]], initialState: [1, 0, -1, 2])
        #expect(try trial.run(on: network).verdict == .verified)
    }

    @Test("audit of Euler paths: the (J, h) form leaves the orbit by its truncation, the h-only form only by rounding",
          arguments: [FlowForm.weightsAndLogScales, .logScalesOnly])
    func eulerPathAudit(form: FlowForm) throws {
        let float = try Self.floatNetwork()
        let cost = try CostModel(exponent: 2)
        let options = BalancingOptions(tolerance: 1e-6, maxIterations: 60, recordPath: true, recordWeights: true)
        let result = try balance(float.recurrentWeights, cost: cost, solver: .flow(.euler(step: 1.0 / 256), form), options: options)
        #expect(result.path.count > 2)
        let path = try AuditedPathPoint.points(from: result.path, neuronCount: 4, stride: 5)
        #expect(path.allSatisfy { $0.weights != nil })
        let audit = FloatPathAudit(cost: try ExactCostModel(cost), path: path,
                                   schemeComparison: ExactSchemeComparison(stepSize: Rational(1, 256), steps: 3))
        let report = try audit.run(on: try ExactNetwork(float))
        #expect(report.verdict == .verified, "\(report.summary)")
        #expect(report.value(named: "exact cost increases")?.exact == [])
        let drift = try #require(report.rational(named: "max relative invariant drift"))
        switch form {
        case .weightsAndLogScales:
            // Euler on J multiplies J_ij by 1 + s (g_j - g_i) instead of exp(s (g_j - g_i)): cycle products
            // drift at second order per step, which is far above rounding.
            #expect(drift > Rational(1, 1_000_000))
        case .logScalesOnly:
            // J is rebuilt from h as D^-1 J0 D in floating point: only rounding moves the invariants.
            #expect(drift < Rational(1, 1_000_000_000_000))
        }
    }

    @Test("audit of h-only points (no weights recorded): only the cost is audited")
    func logScalesOnlyAudit() throws {
        let float = try Self.floatNetwork()
        let cost = try CostModel(exponent: 2)
        let options = BalancingOptions(tolerance: 1e-6, maxIterations: 40, recordPath: true)
        let result = try balance(float.recurrentWeights, cost: cost, solver: .flow(.rungeKutta4(step: 1.0 / 64), .logScalesOnly), options: options)
        let path = try AuditedPathPoint.points(from: result.path, neuronCount: 4)
        #expect(path.allSatisfy { $0.weights == nil && $0.scales != nil })
        let report = try FloatPathAudit(cost: try ExactCostModel(cost), path: path).run(on: try ExactNetwork(float))
        #expect(report.verdict == .verified, "\(report.summary)")
        #expect(report.value(named: "points with recorded weights")?.exact == ["0"])
    }
}
