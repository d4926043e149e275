import Foundation
import NetworkFiles
import Testing
@testable import SbalCommands
import TestSupport

@Suite("sbal balance")
struct BalanceCommandTests {
    @Test("two-neuron network: balanced synapses meet at the geometric mean, file written, JSON report")
    func twoNeuron() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", example("two-neuron.json"), "--output", "\(dir)/b.json", "--report", "\(dir)/r.json", "--json", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        let report = try #require(jsonObject(run.output))
        for key in ["initialCost", "finalCost", "relativeImbalance", "iterations", "converged", "logScales", "unboundedSynapses", "outputDeviation"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        #expect(report["converged"] as? Bool == true)
        // c01 = 1/64, c10 = 4: the optimum is 2 sqrt(c01 c10) = 1/2.
        let finalCost = try #require(report["finalCost"] as? Double)
        #expect(abs(finalCost - 0.5) < 1e-9)
        #expect(try #require(report["outputDeviation"] as? Double) < 1e-12)
        let balanced = try NetworkFile.read("\(dir)/b.json").recurrentNetwork().recurrentWeights
        #expect(abs(abs(balanced[0, 1]) - 0.5) < 1e-9 && abs(abs(balanced[1, 0]) - 0.5) < 1e-9)
        #expect(jsonObject(String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/r.json")), as: UTF8.self)) != nil)
    }

    @Test("every solver balances the reciprocal pair to c01 = c10 = 1", arguments: [
        ["--solver", "newton"], ["--solver", "osborne"], ["--solver", "osborne-random", "--seed", "7"],
        ["--solver", "euler", "--step", "0.01"], ["--solver", "rk4", "--step", "0.05"], ["--solver", "dopri"],
        ["--solver", "euler", "--form", "jh", "--step", "0.01"], ["--solver", "rk4", "--form", "jh"], ["--solver", "dopri", "--form", "jh"],
    ])
    func solvers(options: [String]) throws {
        let run = sbal(["balance", example("reciprocal-pair.json"), "--json", "--quiet", "--tolerance", "1e-9", "--max-iterations", "200000"] + options)
        #expect(run.code == 0, "\(options): \(run.error)")
        let report = try #require(jsonObject(run.output))
        // The written network is the transform by exp(h): on the orbit, so its optimum is exactly 2.
        // For the (J, h) form, h was driven by the integrated J, which drifts off the orbit (the
        // 2-cycle product J01 J10 shrinks by 1 - s^2 (g0 - g1)^2 per Euler step), so only its own
        // cost, not the transform's, is balanced to the tolerance.
        let transformed = try #require(report["transformedCost"] as? Double)
        if options.contains("jh") {
            #expect(abs(transformed - 2) < 0.1, "\(options): transformed cost \(transformed)")
            let finalCost = try #require(report["finalCost"] as? Double)
            #expect(finalCost <= 2 + 1e-9, "\(options): integrated J cost \(finalCost) is not below the orbit optimum")
        } else {
            #expect(abs(transformed - 2) < 1e-6, "\(options): final cost \(transformed)")
        }
    }

    @Test("the default solver is auto: it reports auto (osborne) and writes the network that --solver osborne and --solver newton write, within the tolerance",
          arguments: ["random64.npz", "reducible300.json"])
    func autoIsOsborne(file: String) throws {
        func run(_ options: [String]) throws -> (report: [String: Any], logScales: [Double]) {
            let run = sbal(["balance", example(file), "--json", "--quiet", "--tolerance", "1e-10"] + options)
            #expect(run.code == 0, "\(options): \(run.error)")
            let report = try #require(jsonObject(run.output), "\(options): \(run.error)")
            let h = try #require(report["logScales"] as? [Double])
            let mean = h.reduce(0, +) / Double(h.count)
            return (report, h.map { $0 - mean })
        }
        let auto = try run([]), explicit = try run(["--solver", "auto"])
        let osborne = try run(["--solver", "osborne"]), newton = try run(["--solver", "newton"])
        #expect(auto.report["solver"] as? String == "auto (osborne)")
        #expect(explicit.report["solver"] as? String == "auto (osborne)")
        #expect(osborne.report["solver"] as? String == "osborne")
        // Same solver: the same iterates.
        #expect(auto.logScales == osborne.logScales && auto.report["iterations"] as? Int == osborne.report["iterations"] as? Int)
        let costs = try [auto, newton].map { try #require($0.report["finalCost"] as? Double) }
        #expect(abs(costs[0] / costs[1] - 1) < 1e-8, "auto \(costs[0]) vs newton \(costs[1])")
        if file == "random64.npz" {  // irreducible: the optimum h is unique up to a constant
            #expect(zip(auto.logScales, newton.logScales).map { abs($0 - $1) }.max()! < 1e-5)
        }
    }

    @Test("one synapse: the optimum is at infinity and the synapse is named")
    func oneSynapse() throws {
        let run = sbal("balance", example("one-synapse.json"), "--json", "--quiet")
        let report = try #require(jsonObject(run.output), "\(run.error)")
        let unbounded = try #require(report["unboundedSynapses"] as? [[Int]])
        #expect(unbounded == [[0, 1]])
    }

    @Test("random N = 64 network from .npz: converges, writes .npz, outputs unchanged, progress on stderr")
    func random64() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", example("random64.npz"), "--output", "\(dir)/b.npz", "--svg", "\(dir)/path.svg", "--costs-svg", "\(dir)/costs.svg")
        #expect(run.code == 0, "\(run.error)")
        #expect(run.output.contains("converged"))
        #expect(run.error.contains("sbal balance: "))
        let original = try NetworkFile.read(example("random64.npz")).recurrentNetwork()
        let balanced = try NetworkFile.read("\(dir)/b.npz").recurrentNetwork()
        #expect(balanced.neuronCount == 64)
        // Cycle products are invariant: check the 2-cycles J_ij J_ji.
        var worst = 0.0
        for i in 0..<64 { for j in 0..<64 where i != j {
            let a = original.recurrentWeights[i, j] * original.recurrentWeights[j, i]
            let b = balanced.recurrentWeights[i, j] * balanced.recurrentWeights[j, i]
            worst = max(worst, abs(a - b) / max(abs(a), 1e-300))
        } }
        #expect(worst < 1e-9)
        for svg in ["path.svg", "costs.svg"] {
            let text = try String(contentsOfFile: "\(dir)/\(svg)", encoding: .utf8)
            #expect(text.hasPrefix("<?xml") && text.contains("</svg>"))
        }
    }

    @Test("robustness cost: gains from the file's trial, stored as presynaptic alpha in the output")
    func robustness() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", example("random64.json"), "--cost", "robustness", "--trials", "2", "--noise", "0.05",
                       "--output", "\(dir)/b.json", "--json")
        #expect(run.code == 0, "\(run.error)")
        #expect(run.error.contains("robustness gains r_j"))
        let report = try #require(jsonObject(run.output))
        #expect(report["cost"] as? String == "robustness")
        let written = try NetworkFile.read("\(dir)/b.json")
        guard case let .presynaptic(gains)? = written.cost?.weights else {
            Issue.record("the output file does not hold the robustness gains as presynaptic alpha")
            return
        }
        #expect(gains.count == 64)
        #expect(gains.doubleValues.allSatisfy { $0 >= 0 && $0 <= 1 })
        // A file without a trial cannot give gains: bad input.
        #expect(sbal("balance", example("reciprocal-pair.json"), "--cost", "robustness").code == 0)
        let dir2 = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        try #"{"J": [[0, 1], [1, 0]]}"#.write(toFile: "\(dir2)/n.json", atomically: true, encoding: .utf8)
        let noTrial = sbal("balance", "\(dir2)/n.json", "--cost", "robustness")
        #expect(noTrial.code == 2 && noTrial.error.contains("inputs"), "\(noTrial.error)")
    }

    @Test("the written JSON keeps the exact time constants, the trial and transforms the initial state")
    func exactMetadata() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(sbal("balance", example("two-neuron.json"), "--output", "\(dir)/b.json", "--quiet").code == 0)
        let original = try NetworkFile.read(example("two-neuron.json"))
        let written = try NetworkFile.read("\(dir)/b.json")
        #expect(written.timeStep == original.timeStep && written.timeConstant == original.timeConstant)
        #expect(written.inputs == original.inputs)
        #expect(written.initialState?.count == 2)
        let text = try String(contentsOfFile: "\(dir)/b.json", encoding: .utf8)
        #expect(text.contains(#""dt": "1/10""#))
    }

    @Test("bad input exits with code 2 and names what is wrong", arguments: [
        (["balance", "/nonexistent/net.json"], "/nonexistent/net.json"),
        (["balance", "net.txt"], "unknown network file extension"),
        (["balance", "EXAMPLE", "--tolerance", "-1"], "--tolerance"),
        (["balance", "EXAMPLE", "--solver", "magic"], "magic"),
        (["balance", "EXAMPLE", "--output", "x.csv"], "--output"),
        (["frobnicate"], "frobnicate"),
        (["balance", "EXAMPLE", "--cost", "robustness", "--trials", "1000000000000"], "--trials"),
    ])
    func badInput(arguments: [String], mention: String) {
        let run = sbal(arguments.map { $0 == "EXAMPLE" ? example("two-neuron.json") : $0 })
        #expect(run.code == 2)
        #expect(run.error.contains(mention), "\(run.error)")
    }

    @Test("malformed network files exit with 2 and name the field; nothing is written")
    func malformedFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"J": [[0, 1], [true, 0]]}"#.write(toFile: "\(dir)/bad.json", atomically: true, encoding: .utf8)
        let run = sbal("balance", "\(dir)/bad.json", "--output", "\(dir)/out.json")
        #expect(run.code == 2)
        #expect(run.error.contains("J[1][0]: expected a number or \"p/q\" string, got true"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.json"))
    }

    @Test("a network without cost (J = 0, or alpha = 0) reports |g|/C = 0 like the solvers, never NaN", arguments: [
        #"{"J": [[0, 0], [0, 0]]}"#, #"{"J": [[0, 1], [2, 0]], "cost": {"alpha": 0}}"#,
    ])
    func zeroCost(text: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: "\(dir)/z.json", atomically: true, encoding: .utf8)
        let run = sbal("balance", "\(dir)/z.json", "--quiet", "--json")
        #expect(run.code == 0, "\(run.error)")
        let report = try #require(jsonObject(run.output))
        #expect(report["transformedRelativeImbalance"] as? Double == 0, "\(run.output)")
        #expect(report["relativeImbalance"] as? Double == 0)
        let human = sbal("balance", "\(dir)/z.json", "--quiet")
        #expect(!human.output.lowercased().contains("nan"), "\(human.output)")
    }

    @Test("a diverging integrator did not converge: exit code 1 (as documented), not 2", arguments: [
        ["balance", "EXAMPLE", "--solver", "euler", "--step", "1e300", "--quiet"],
        ["audit", "EXAMPLE", "--integrator", "rk4", "--step", "1e300"],
    ])
    func diverged(arguments: [String]) {
        let run = sbal(arguments.map { $0 == "EXAMPLE" ? example("two-neuron.json") : $0 })
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.error.contains("did not converge"), "\(run.error)")
    }

    @Test("a solver that stops before the tolerance exits with 1")
    func notConverged() {
        let run = sbal("balance", example("reciprocal-pair.json"), "--solver", "euler", "--step", "0.001", "--max-iterations", "3", "--quiet")
        #expect(run.code == 1)
        #expect(run.output.contains("NOT converged"))
    }

    /// J_ij * exp(3 z_i - 3 z_j) for a random J and z (about N(0, 1)): one orbit, badly scaled when
    /// `spread` is 3, nearly balanced when it is 0 (issue 16).
    static func scaledNetwork(n: Int, spread: Double, to path: String) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (0..<12).reduce(0.0) { s, _ in s + uniform() } - 6 }
        let z = (0..<n).map { _ in normal() }
        var j = [Double]()
        for i in 0..<n { for k in 0..<n { j.append(normal() / Double(n).squareRoot() * exp(spread * (z[i] - z[k]))) } }
        try NumPyArchive.write(["J": NumPyArray(shape: [n, n], values: j)], to: path)
    }

    @Test("fixed-step rk4 on a badly scaled network stops early, naming the steps it would need and the adaptive solvers; a well-scaled one converges")
    func fixedStepBudget() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try BalanceCommandTests.scaledNetwork(n: 48, spread: 3, to: "\(dir)/scaled.npz")
        let stalled = sbal("balance", "\(dir)/scaled.npz", "--solver", "rk4", "--form", "h", "--quiet")
        #expect(stalled.code == 1, "\(stalled.output) \(stalled.error)")
        #expect(stalled.error.contains("fixed-step rk4"), "\(stalled.error)")
        #expect(stalled.error.contains("would need about"), "\(stalled.error)")
        #expect(stalled.error.contains("--solver dopri") && stalled.error.contains("--solver osborne"), "\(stalled.error)")
        let dopri = sbal("balance", "\(dir)/scaled.npz", "--solver", "dopri", "--quiet", "--tolerance", "1e-8")
        #expect(dopri.code == 0, "\(dopri.error)")

        try BalanceCommandTests.scaledNetwork(n: 48, spread: 0, to: "\(dir)/well.npz")
        let well = sbal("balance", "\(dir)/well.npz", "--solver", "rk4", "--form", "h", "--quiet")
        #expect(well.code == 0, "\(well.error)")
        #expect(well.output.contains("result         converged"), "\(well.output)")
    }
}
