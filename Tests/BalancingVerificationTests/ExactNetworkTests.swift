import BalancingVerification
import Foundation
import Rationals
import Testing

@Suite("ExactNetwork")
struct ExactNetworkTests {
    @Test("the initialiser names the field with a wrong shape")
    func shapeErrors() throws {
        let j = TestNetworks.weights(3, seed: 1)
        #expect(throws: VerificationError.shapeMismatch("recurrentWeights is 2 x 3, expected a square N x N matrix")) {
            try ExactNetwork(recurrentWeights: Matrix(rows: 2, columns: 3, repeating: Rational(0)), timeStepOverTimeConstant: 1, nonlinearity: .relu)
        }
        #expect(throws: VerificationError.shapeMismatch("inputWeights has 2 rows, expected 3 (neurons)")) {
            try ExactNetwork(recurrentWeights: j, inputWeights: Matrix(rows: 2, columns: 1, repeating: Rational(0)),
                             timeStepOverTimeConstant: 1, nonlinearity: .relu)
        }
        #expect(throws: VerificationError.shapeMismatch("outputWeights has 4 columns, expected 3 (neurons)")) {
            try ExactNetwork(recurrentWeights: j, outputWeights: Matrix(rows: 1, columns: 4, repeating: Rational(0)),
                             timeStepOverTimeConstant: 1, nonlinearity: .relu)
        }
        #expect(throws: VerificationError.shapeMismatch("bias has 2 entries, expected 3 (neurons)")) {
            try ExactNetwork(recurrentWeights: j, bias: [1, 2], timeStepOverTimeConstant: 1, nonlinearity: .relu)
        }
        #expect(throws: VerificationError.self) {
            try ExactNetwork(recurrentWeights: j, timeStepOverTimeConstant: 0, nonlinearity: .relu)
        }
    }

    @Test("the transform rejects a non-positive scale and a non-homogeneous unit")
    func transformErrors() throws {
        let network = try TestNetworks.network(3, seed: 2)
        #expect(throws: VerificationError.nonPositiveScale(index: 1, value: "-1/2")) {
            try network.transformed(byScales: [1, Rational(-1, 2), 1])
        }
        #expect(throws: VerificationError.shapeMismatch("scales have 2 entries, expected 3 (neurons)")) {
            try network.transformed(byScales: [1, 1])
        }
        var tanh = network
        tanh.nonlinearity = .nonHomogeneous(name: "tanh")
        #expect(throws: VerificationError.self) { try tanh.transformed(byScales: [1, 1, 1]) }
    }

    @Test("the transform is D^-1 J D, D^-1 W_in, D^-1 b, W_out D")
    func transformEntries() throws {
        let network = try TestNetworks.network(3, seed: 3)
        let d: [Rational] = [2, Rational(1, 2), 3]
        let t = try network.transformed(byScales: d)
        for i in 0..<3 {
            #expect(t.bias[i] == network.bias[i] / d[i])
            for j in 0..<3 { #expect(t.recurrentWeights[i, j] == network.recurrentWeights[i, j] * d[j] / d[i]) }
            for k in 0..<network.inputCount { #expect(t.inputWeights[i, k] == network.inputWeights[i, k] / d[i]) }
            for r in 0..<network.outputCount { #expect(t.outputWeights[r, i] == network.outputWeights[r, i] * d[i]) }
        }
    }

    @Test("one Euler step by hand")
    func eulerStepByHand() throws {
        // x1 = x0 + (1/2)(-x0 + J relu(x0) + W_in u + b) with J = [[0, 2], [1, 0]], W_in = [1, 0]^T, b = [0, 1].
        let network = try ExactNetwork(
            recurrentWeights: Matrix([[0, 2], [1, 0]]), inputWeights: Matrix([[1], [0]]),
            outputWeights: Matrix([[1, 1]]), bias: [0, 1], timeStepOverTimeConstant: Rational(1, 2), nonlinearity: .relu)
        let trajectory = try network.simulate(inputs: [[3]], initialState: [1, -1])
        // relu(x0) = (1, 0); J relu = (0, 1); drive = (-1 + 0 + 3 + 0, 1 + 1 + 0 + 1) = (2, 3); x1 = (2, 1/2).
        #expect(trajectory.states[1] == [2, Rational(1, 2)])
        #expect(trajectory.outputs[0] == [1])
        #expect(trajectory.outputs[1] == [Rational(5, 2)])
    }

    @Test("leaky ReLU uses its exact slope")
    func leakyReLU() throws {
        let phi = ExactNonlinearity.leakyReLU(slope: Rational(1, 3))
        #expect(try phi(Rational(-3)) == -1)
        #expect(try phi(Rational(5, 7)) == Rational(5, 7))
        #expect(throws: VerificationError.self) { try ExactNonlinearity.nonHomogeneous(name: "tanh")(1) }
    }

    @Test("JSON round trip keeps every value and shape, with rationals as strings")
    func codableRoundTrip() throws {
        let network = try TestNetworks.network(4, inputs: 0, outputs: 3, nonlinearity: .leakyReLU(slope: Rational(1, 5)), seed: 4)
        let data = try JSONEncoder().encode(network)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"1\\/5\"") || text.contains("\"1/5\""))
        let back = try JSONDecoder().decode(ExactNetwork.self, from: data)
        #expect(back == network)
        #expect(back.inputCount == 0)
    }

    @Test("a JSON file with a ragged matrix is refused, naming the field")
    func malformedJSON() throws {
        let json = """
        {"recurrentWeights": {"rows": 2, "columns": 2, "values": [["1", "2"], ["3"]]},
         "timeStepOverTimeConstant": "1/10", "nonlinearity": {"kind": "relu"}}
        """
        #expect(throws: VerificationError.shapeMismatch("recurrentWeights row 1 has 1 entries, expected 2")) {
            try JSONDecoder().decode(ExactNetwork.self, from: Data(json.utf8))
        }
    }
}
