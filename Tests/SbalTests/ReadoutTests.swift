import BalancingVerification
import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing
import Testing
import TestSupport

/// Issue 12 item 2: the readout y = W_out x (state, the authors' code and `sbal train`) or
/// y = W_out phi(x) (rate), in both file formats, both invariant under the transform, exactly.
@Suite("readout: state or rate")
struct ReadoutTests {
    /// A ReLU network whose states go negative, so phi(x) != x and the readouts differ.
    static func exact(_ readout: Readout) throws -> ExactNetwork {
        try ExactNetwork(recurrentWeights: Matrix([[0, -2, Rational(1, 2)], [Rational(3, 4), 0, -1], [1, Rational(-1, 4), 0]]),
                         inputWeights: Matrix([[1], [-1], [Rational(1, 2)]]), outputWeights: Matrix([[1, 2, -1]]),
                         bias: [0, Rational(-1, 10), 0], timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu, readout: readout)
    }

    static let inputs: [[Rational]] = [[1], [-1], [2], [0], [-3], [1]]
    static let x0: [Rational] = [Rational(1, 2), -1, 0]

    @Test("the two readouts give different outputs on the same weights, and each is exactly invariant")
    func exactInvariance() throws {
        let rate = try Self.exact(.rate).simulate(inputs: Self.inputs, initialState: Self.x0)
        let state = try Self.exact(.state).simulate(inputs: Self.inputs, initialState: Self.x0)
        #expect(rate.outputs != state.outputs)  // so the field matters
        #expect(state.outputs[0] == [Rational(1, 2) - 2 + 0])  // y_0 = W_out x_0
        for readout in Readout.allCases {
            let check = InputOutputInvarianceCheck(scales: [2, Rational(1, 3), 5], inputs: Self.inputs, initialState: Self.x0)
            let report = try check.run(on: try Self.exact(readout))
            #expect(report.verdict == .verified, "\(readout): \(report.summary)")
        }
    }

    @Test("float simulation: y = W_out x for the state readout, invariant under D to rounding")
    func floatInvariance() throws {
        for readout in Readout.allCases {
            let network = try Self.exact(readout).recurrentNetwork()
            #expect(network.readout == readout)
            let u = Self.inputs.map { $0.map(\.doubleValue) }, x0 = Self.x0.map(\.doubleValue)
            let run = try network.simulate(inputs: u, initialState: x0)
            let last = run.states.last!
            let expected = readout == .state ? [last[0] + 2 * last[1] - last[2]] : [max(last[0], 0) + 2 * max(last[1], 0) - max(last[2], 0)]
            #expect(abs(run.outputs.last![0] - expected[0]) < 1e-14)
            let h = [0.7, -1.2, 0.3]
            let transformed = try network.transformed(byLogScales: h)
            #expect(transformed.readout == readout)
            let again = try transformed.simulate(inputs: u, initialState: try network.transformedState(x0, byLogScales: h))
            for (a, b) in zip(run.outputs, again.outputs) { #expect(abs(a[0] - b[0]) <= 1e-13 * max(1, abs(a[0]))) }
        }
    }

    @Test("certificates: a state-readout network encodes \"readout\": \"state\"; without the key it is rate")
    func certificateCoding() throws {
        let network = try Self.exact(.state)
        let data = try JSONEncoder().encode(network)
        #expect(String(decoding: data, as: UTF8.self).contains(#""readout":"state""#))
        #expect(try JSONDecoder().decode(ExactNetwork.self, from: data) == network)
        let rateData = try JSONEncoder().encode(try Self.exact(.rate))
        #expect(!String(decoding: rateData, as: UTF8.self).contains("readout"))
        #expect(try JSONDecoder().decode(ExactNetwork.self, from: rateData).readout == .rate)
    }

    @Test("files: readout round trips in JSON and .npz, a bad value names the field, and sbal verify checks both readouts")
    func files() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = #"{"orientation": "post_pre", "readout": "state", "J": [[0, -2, 0.5], [0.75, 0, -1], [1, -0.25, 0]], "W_in": [[1], [-1], [0.5]], "W_out": [[1, 2, -1]], "b": [0, -0.1, 0], "inputs": [[1], [-1], [2], [0], [-3], [1]], "initial_state": [0.5, -1, 0]}"#
        let path = "\(dir)/state.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let document = try NetworkFile.read(path)
        let exactReadout = try document.exactNetwork().readout, floatReadout = try document.recurrentNetwork().readout
        #expect(document.readout == .state && exactReadout == .state && floatReadout == .state)
        for name in ["again.json", "again.npz"] {
            try NetworkFile.write(document, to: "\(dir)/\(name)")
            #expect(try NetworkFile.read("\(dir)/\(name)").readout == .state, "\(name)")
        }
        let verify = sbal("verify", path)
        #expect(verify.code == 0, "\(verify.output) \(verify.error)")
        let balanced = sbal("balance", path, "--output", "\(dir)/balanced.json", "--json", "--quiet")
        #expect(balanced.code == 0, "\(balanced.error)")
        let deviation = try #require(jsonObject(balanced.output)?["outputDeviation"] as? Double)
        #expect(deviation < 1e-12)
        #expect(try NetworkFile.read("\(dir)/balanced.json").readout == .state)
        let bad = "\(dir)/bad.json"
        try text.replacingOccurrences(of: #""readout": "state""#, with: #""readout": "x""#).write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = sbal("balance", bad)
        #expect(refused.code == 2 && refused.error.contains("readout") && refused.error.contains("\"state\" (y = W_out x)"), "\(refused.error)")
    }

    @Test("sbal train writes a state-readout network (what it trained)")
    func trainWritesState() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("train", "--neurons", "8", "--iterations", "2", "--output", "\(dir)/t.json", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        #expect(try NetworkFile.read("\(dir)/t.json").readout == .state)
    }

    @Test("a different readout is a different model: compare does not verify it, simulate --balanced and train --resume refuse it")
    func readoutMismatch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Non-negative weights and the default trial keep every state >= 0, where phi(x) = x: only the
        // readout field tells the two files apart.
        let rate = #"{"orientation": "post_pre", "J": [[0, 1], [2, 0]], "W_in": [[1], [1]], "W_out": [[1, 1]]}"#
        let a = "\(dir)/a.json", b = "\(dir)/b.json"
        try rate.write(toFile: a, atomically: true, encoding: .utf8)
        try rate.replacingOccurrences(of: #""orientation": "post_pre","#, with: #""orientation": "post_pre", "readout": "state","#)
            .write(toFile: b, atomically: true, encoding: .utf8)
        let compare = sbal("compare", a, b)
        #expect(compare.code == 1 && compare.output.contains("readout"), "\(compare.output) \(compare.error)")
        let simulate = sbal("simulate", a, "--balanced", b, "--trials", "2", "--steps", "5")
        #expect(simulate.code == 2 && simulate.error.contains("not the same model") && simulate.error.contains("readout state vs rate"), "\(simulate.error)")
        // A trained (state-readout) file relabelled rate is refused by --resume; as written it resumes.
        #expect(sbal("train", "--neurons", "8", "--iterations", "1", "--output", "\(dir)/t.json", "--quiet").code == 0)
        let trained = try String(contentsOfFile: "\(dir)/t.json", encoding: .utf8)
        try trained.replacingOccurrences(of: #""readout": "state""#, with: #""readout": "rate""#).write(toFile: "\(dir)/r.json", atomically: true, encoding: .utf8)
        let resume = sbal("train", "--resume", "\(dir)/r.json", "--iterations", "1", "--output", "\(dir)/t2.json", "--quiet")
        #expect(resume.code == 2 && resume.error.contains("its readout is rate"), "\(resume.error)")
        #expect(sbal("train", "--resume", "\(dir)/t.json", "--iterations", "1", "--output", "\(dir)/t3.json", "--quiet").code == 0)
        // A file of sbal train from before the readout field: no "readout", the state readout said in its description.
        let legacy = trained.replacingOccurrences(of: "  \"readout\": \"state\",\n", with: "")
            .replacingOccurrences(of: "readout from the state, y = W_out x", with: "READOUT FROM THE STATE: y = W_out x")
        #expect(!legacy.contains("\"readout\"") && legacy.contains("READOUT FROM THE STATE"))
        try legacy.write(toFile: "\(dir)/legacy.json", atomically: true, encoding: .utf8)
        #expect(try NetworkFile.read("\(dir)/legacy.json").readout == .rate)
        let resumed = sbal("train", "--resume", "\(dir)/legacy.json", "--iterations", "1", "--output", "\(dir)/t4.json", "--quiet")
        #expect(resumed.code == 0, "\(resumed.error)")
        #expect(try NetworkFile.read("\(dir)/t4.json").readout == .state)
    }
}
