import BalancingVerification
import Rationals
import Testing

@Suite("Check 1: input-output invariance")
struct InputOutputInvarianceTests {
    static let units: [ExactNonlinearity] = [.relu, .leakyReLU(slope: Rational(1, 8)), .linear]

    @Test("transformed networks give exactly the same outputs", arguments: units, [UInt64(11), 12, 13])
    func invariance(unit: ExactNonlinearity, seed: UInt64) throws {
        let network = try TestNetworks.network(5, nonlinearity: unit, seed: seed)
        let trial = TestNetworks.trial(steps: 20, inputs: 2, neurons: 5, seed: seed)
        let check = InputOutputInvarianceCheck(scales: TestNetworks.scales(5, seed: seed), inputs: trial.inputs, initialState: trial.initialState)
        let report = try check.run(on: network)
        #expect(report.verdict == .verified, "\(report.summary)")
        #expect(report.failure == nil)
        #expect(report.value(named: "states compared")?.exact == ["21"])
    }

    @Test("a perturbed J is not invariant; the first differing step is named")
    func perturbedRecurrentWeights() throws {
        let network = try TestNetworks.network(4, seed: 21)
        let d = TestNetworks.scales(4, seed: 21)
        // x0 > 0 so that relu(x0) is positive and a change of J[0, 1] moves x~_1[0].
        let x0: [Rational] = [1, 2, 3, 4]
        var other = try network.transformed(byScales: d)
        var j = other.recurrentWeights
        j[0, 1] += Rational(1, 1024)
        other = try ExactNetwork(recurrentWeights: j, inputWeights: other.inputWeights, outputWeights: other.outputWeights,
                                 bias: other.bias, timeStepOverTimeConstant: other.timeStepOverTimeConstant, nonlinearity: other.nonlinearity)
        let check = InputOutputInvarianceCheck(scales: d, inputs: Array(repeating: [0, 0], count: 10), initialState: x0, transformedNetwork: other)
        let report = try check.run(on: network)
        #expect(report.verdict == .failed)
        let failure = try #require(report.failure)
        // The claimed transform is compared entrywise with D^-1 J D before any trial is run.
        #expect(failure.step == nil)
        #expect(failure.invariant == "transformed J[0,1] = (D^-1 J D)[0,1]")
        #expect(failure.expected != failure.actual)
    }

    @Test("a different output matrix fails already at step 0")
    func perturbedOutputWeights() throws {
        let network = try TestNetworks.network(3, seed: 22)
        let d = TestNetworks.scales(3, seed: 22)
        let t = try network.transformed(byScales: d)
        var w = t.outputWeights
        w[0, 0] += 1
        let other = try ExactNetwork(recurrentWeights: t.recurrentWeights, inputWeights: t.inputWeights, outputWeights: w,
                                     bias: t.bias, timeStepOverTimeConstant: t.timeStepOverTimeConstant, nonlinearity: t.nonlinearity)
        let report = try InputOutputInvarianceCheck(scales: d, inputs: [[0, 0]], initialState: [1, 1, 1], transformedNetwork: other).run(on: network)
        #expect(report.verdict == .failed)
        #expect(report.failure?.invariant == "transformed W_out[0,0] = (W_out D)[0,0]")
    }

    @Test("a non-homogeneous nonlinearity is refused with a clear error")
    func nonHomogeneousRefused() throws {
        var network = try TestNetworks.network(3, seed: 23)
        network.nonlinearity = .nonHomogeneous(name: "tanh")
        let check = InputOutputInvarianceCheck(scales: [1, 2, 3], inputs: [[0, 0]], initialState: [0, 0, 0])
        do {
            _ = try check.run(on: network)
            Issue.record("tanh was not refused")
        } catch let error as VerificationError {
            guard case let .nonHomogeneousNonlinearity(message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(message.contains("tanh"))
            #expect(error.description.contains("positively homogeneous"))
        }
    }

    @Test("bad scales and trial shapes throw")
    func badInputs() throws {
        let network = try TestNetworks.network(3, seed: 24)
        #expect(throws: VerificationError.nonPositiveScale(index: 2, value: "0")) {
            try InputOutputInvarianceCheck(scales: [1, 1, 0], inputs: [], initialState: [0, 0, 0]).run(on: network)
        }
        #expect(throws: VerificationError.shapeMismatch("inputs row 1 has 1 entries, expected 2 (inputs)")) {
            try InputOutputInvarianceCheck(scales: [1, 1, 1], inputs: [[0, 0], [0]], initialState: [0, 0, 0]).run(on: network)
        }
    }

    @Test("scale: N = 16, 100 Euler steps")
    func sixteenNeuronsHundredSteps() throws {
        let network = try TestNetworks.network(16, inputs: 3, outputs: 2, density: 0.5, seed: 25)
        let trial = TestNetworks.trial(steps: 100, inputs: 3, neurons: 16, seed: 25)
        let report = try InputOutputInvarianceCheck(scales: TestNetworks.scales(16, seed: 25), inputs: trial.inputs,
                                                    initialState: trial.initialState).run(on: network)
        #expect(report.verdict == .verified)
    }
}
