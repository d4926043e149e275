import BalancingVerification
import Foundation
import NetworkFiles
import Rationals
@testable import SbalCommands
import SynapticBalancing
import Testing
import TestSupport

/// Many trials and targets (issue 12 item 4): a ReLU ring of three neurons, each driven by its own
/// input. Trial A drives neuron 2 negative (silent: r_2 = 0), trial B drives all three positive.
@Suite("many trials and targets: gains, simulate against targets, exact checks per trial")
struct TrialsAndTargetsTests {
    static let trialA = Array(repeating: "[1, 1, -1]", count: 6)
    static let trialB = Array(repeating: "[1, 1, 1]", count: 6)

    /// The ring 0 -> 1 -> 2 -> 0 (J_10, J_21, J_02), W_in = I, W_out = [1 1 1], the given trials.
    static func network(trials: [[String]], targets: [[String]]? = nil) -> String {
        func array(_ trials: [[String]]) -> String { "[" + trials.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
        return #"{"orientation": "post_pre", "J": [[0, 0, "1/10"], ["3/10", 0, 0], [0, 2, 0]], "W_in": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "W_out": [[1, 1, 1]], "#
            + #""inputs": "# + array(trials) + (targets.map { #", "targets": "# + array($0) } ?? "") + "}"
    }

    func written(_ dir: String, _ name: String, _ text: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("robustness gains over all trials differ from one trial's; the silent neuron is named with its share of the cost")
    func gainsOverTrials() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let one = try written(dir, "one.json", Self.network(trials: [Self.trialA]))
        let both = try written(dir, "both.json", Self.network(trials: [Self.trialA, Self.trialB]))
        let runOne = sbal("balance", one, "--cost", "robustness", "--output", "\(dir)/one-balanced.json")
        #expect(runOne.code == 0, "\(runOne.error)")
        // Neuron 2's one outgoing synapse J_02 = 1/10 against 3/10 and 2: 0.01 / 4.1 of sum |J_ij|^2.
        #expect(runOne.error.contains("1 of 3 neurons are silent in every gain run (r_j = 0): 2;"), "\(runOne.error)")
        #expect(runOne.error.contains("\(format(100 * 0.01 / 4.1))% of sum |J_ij|^2"), "\(runOne.error)")
        let runBoth = sbal("balance", both, "--cost", "robustness", "--output", "\(dir)/both-balanced.json")
        #expect(runBoth.code == 0, "\(runBoth.error)")
        #expect(!runBoth.error.contains("silent"), "\(runBoth.error)")
        #expect(runBoth.error.contains("from 2 run(s) of 6 steps (2 trial(s) in the file"), "\(runBoth.error)")

        func gains(_ path: String) throws -> [Double] {
            let document = try NetworkFile.read(path)
            guard case let .presynaptic(r)? = document.cost?.weights else { Issue.record("no presynaptic cost in \(path)"); return [] }
            return r.doubleValues
        }
        #expect(try gains("\(dir)/one-balanced.json") == [1, 1, 0])
        #expect(try gains("\(dir)/both-balanced.json") == [1, 1, 0.5])
        // Both trials (and the 3-d shape) are written back.
        let back = try NetworkFile.read("\(dir)/both-balanced.json")
        #expect(back.trialCount == 2 && back.trialInputs?.count == 2 && back.trialInputs?[1].count == 6)
    }

    @Test("the library estimate: pooled over trials and repetitions, silent neurons and their share")
    func libraryEstimate() throws {
        let network = try RecurrentNetwork(
            recurrentWeights: try DenseMatrix([[0, 0, 0.1], [0.3, 0, 0], [0, 2, 0]]), inputWeights: .identity(3),
            outputWeights: try DenseMatrix([[1, 1, 1]]), bias: [0, 0, 0], timeConstant: 1, timeStep: 0.1, nonlinearity: .relu)
        let a = Array(repeating: [1.0, 1, -1], count: 6), b = Array(repeating: [1.0, 1, 1], count: 6)
        let single = try RobustnessGains(network: network, trials: [a], initialState: [0, 0, 0])
        #expect(single.gains == [1, 1, 0] && single.silentNeurons == [2])
        #expect(abs(single.setAsideShare - 0.01 / 4.1) < 1e-15)
        let pooled = try RobustnessGains(network: network, trials: [a, b], initialState: [0, 0, 0], repetitions: 3)
        #expect(pooled.gains == [1, 1, 0.5] && pooled.silentNeurons.isEmpty && pooled.setAsideShare == 0 && pooled.simulatedTrials == 6)
        // Noise reaches the silent neuron in some steps: its gain becomes positive but small.
        let noisy = try RobustnessGains(network: network, trials: [a], initialState: [0, 0, 0], repetitions: 20, noise: 2, seed: 7)
        #expect(noisy.gains[2] > 0 && noisy.gains[2] < 1 && noisy.silentNeurons.isEmpty, "\(noisy.gains)")
        #expect(throws: BalancingError.self) { try RobustnessGains(network: network, trials: [a, Array(a.prefix(3))], initialState: [0, 0, 0]) }
        #expect(throws: BalancingError.self) { try RobustnessGains(network: network, trials: [a], initialState: [0, 0, 0], noise: -1) }
    }

    @Test("simulate against targets: at sigma = 0 the loss is the task error, per run and of trial-averaged outputs")
    func simulateAgainstTargets() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Targets: the noiseless outputs of each trial plus 1/2, so the task error is exactly 1/4.
        let plain = try written(dir, "plain.json", Self.network(trials: [Self.trialA, Self.trialB]))
        let document = try NetworkFile.read(plain)
        let network = try document.recurrentNetwork()
        let outputs = try document.trialInputs!.map { try network.simulate(inputs: $0, initialState: [0, 0, 0]).outputs }
        let targets = outputs.map { $0.map { "[\($0[0] + 0.5)]" } }
        let path = try written(dir, "targets.json", Self.network(trials: [Self.trialA, Self.trialB], targets: targets))
        let run = sbal("simulate", path, "--cost", "frobenius", "--noise", "0,0.3", "--trials", "6", "--json", "--svg", "\(dir)/loss.svg")
        #expect(run.code == 0, "\(run.error)")
        let summary = try #require(jsonObject(run.output))
        #expect(summary["reference"] as? String == "targets")
        #expect(summary["fileTrials"] as? Int == 2 && summary["trials"] as? Int == 6)
        let rows = try #require(summary["rows"] as? [[String: Any]])
        for key in ["originalLoss", "balancedLoss", "originalMeanOutputLoss", "balancedMeanOutputLoss"] {
            let value = try #require(rows[0][key] as? Double)
            #expect(abs(value - 0.25) < 1e-12, "\(key) = \(value)")
        }
        #expect(try #require(rows[0]["originalLossError"] as? Double) < 1e-15)
        // With noise the runs differ: a positive standard error, and averaging over runs helps.
        #expect(try #require(rows[1]["originalLossError"] as? Double) > 0)
        #expect(try #require(rows[1]["originalMeanOutputLoss"] as? Double) < (rows[1]["originalLoss"] as? Double ?? 0))
        // The plot draws error bars (three lines per bar).
        let svg = try String(contentsOfFile: "\(dir)/loss.svg", encoding: .utf8)
        #expect(svg.contains("mean +- s.e. over runs"))
        // Without targets the reference is the noiseless output: zero loss at sigma = 0.
        let noTargets = sbal("simulate", plain, "--cost", "frobenius", "--noise", "0", "--trials", "2", "--json")
        #expect(noTargets.code == 0, "\(noTargets.error)")
        let other = try #require(jsonObject(noTargets.output))
        #expect(other["reference"] as? String == "noiseless output")
        #expect((other["rows"] as? [[String: Any]])?.first?["originalLoss"] as? Double == 0)
    }

    @Test("verify and compare check every trial exactly; a certificate's per-trial claims must state one transform")
    func exactChecksPerTrial() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try written(dir, "both.json", Self.network(trials: [Self.trialA, Self.trialB]))
        let verify = sbal("verify", path, "--write-certificate", "\(dir)/cert.json", "--json")
        #expect(verify.code == 0, "\(verify.error)\n\(verify.output)")
        let certificate = try Certificate(jsonData: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/cert.json")))
        let kinds = certificate.claims.map(\.kind)
        #expect(kinds.prefix(2) == [.inputOutputInvariance, .inputOutputInvariance] && kinds.dropFirst(2).first == .laxStructure)
        #expect(sbal("verify", "\(dir)/cert.json").code == 0)
        // Claims of different transforms are refused.
        guard case var .inputOutputInvariance(second) = certificate.claims[1] else { Issue.record("claim 1"); return }
        second.scales = second.scales.map { $0 * Rational(2) }
        var claims = certificate.claims
        claims[1] = .inputOutputInvariance(second)
        let tampered = try Certificate(kind: certificate.kind, network: certificate.network, claims: claims, description: nil)
        try tampered.jsonData().write(to: URL(fileURLWithPath: "\(dir)/tampered.json"))
        let refused = sbal("verify", "\(dir)/tampered.json")
        #expect(refused.code != 0)
        #expect(refused.output.contains("claims[1] is the input-output claim of another trial") || refused.error.contains("claims[1] is the input-output claim of another trial"),
                "\(refused.output)\(refused.error)")

        // compare: B = T_d(A) with d = (1, 2, 4): J_ij d_j / d_i, W_in / d_i, W_out d_j; both trials in the certificate.
        _ = try written(dir, "b.json", #"{"orientation": "post_pre", "J": [[0, 0, "2/5"], ["3/20", 0, 0], [0, 1, 0]], "W_in": [[1, 0, 0], [0, "1/2", 0], [0, 0, "1/4"]], "W_out": [[1, 2, 4]]}"#)
        let compare = sbal("compare", path, "\(dir)/b.json", "--write-certificate", "\(dir)/orbit.json")
        #expect(compare.code == 0, "\(compare.error)\n\(compare.output)")
        let orbit = try Certificate(jsonData: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/orbit.json")))
        #expect(orbit.claims.count == 2)
        #expect(sbal("verify", "\(dir)/orbit.json").code == 0)
    }

    @Test("trial data: 3-d JSON and .npz round trips; shapes and positions in errors name trial and step")
    func trialFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let targets = [Array(repeating: "[1]", count: 6), Array(repeating: "[\"1/3\"]", count: 6)]
        let path = try written(dir, "t.json", Self.network(trials: [Self.trialA, Self.trialB], targets: targets))
        let document = try NetworkFile.read(path)
        #expect(document.trialCount == 2 && document.trialSteps == 6 && document.targets?.rows == 12)
        for name in ["back.json", "back.npz"] {
            try NetworkFile.write(document, to: "\(dir)/\(name)")
            let back = try NetworkFile.read("\(dir)/\(name)")
            #expect(back.trialCount == 2 && back.trialInputs! == document.trialInputs! && back.trialTargets! == document.trialTargets!, "\(name)")
        }
        func refusal(_ text: String) throws -> String {
            let bad = try written(dir, "bad.json", text)
            let run = sbal("balance", bad)
            #expect(run.code == 2)
            return run.error
        }
        let uneven = try refusal(Self.network(trials: [Self.trialA, Array(Self.trialB.prefix(4))]))
        #expect(uneven.contains("inputs[1] has 4 steps, expected 6"), "\(uneven)")
        var badEntry = Self.trialB
        badEntry[2] = "[1, \"x\", 1]"
        let entry = try refusal(Self.network(trials: [Self.trialA, badEntry]))
        #expect(entry.contains("inputs[1][2][1]"), "\(entry)")
        let width = try refusal(Self.network(trials: [Self.trialA, Self.trialB], targets: [Array(repeating: "[1, 2]", count: 6), Array(repeating: "[1, 2]", count: 6)]))
        #expect(width.contains("targets has 2 outputs per step, expected 1"), "\(width)")
        let count = try refusal(Self.network(trials: [Self.trialA, Self.trialB], targets: [Array(repeating: "[1]", count: 6)]))
        #expect(count.contains("targets has 1 trial(s), inputs has 2"), "\(count)")
    }
}
