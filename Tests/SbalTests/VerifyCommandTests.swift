import Foundation
import Testing
@testable import SbalCommands
import TestSupport

@Suite("sbal verify and sbal audit")
struct VerifyCommandTests {
    @Test("the toy networks verify, with exact equilibria for the two-neuron networks",
          arguments: ["two-neuron.json", "reciprocal-pair.json", "one-synapse.json", "ring12.json"])
    func toyNetworks(name: String) throws {
        let run = sbal("verify", example(name))
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("[verified] input_output_invariance"))
        #expect(run.output.contains("[verified] lax_structure"))
        #expect(run.output.hasSuffix("verified\n") && !run.output.contains("NOT verified"))
    }

    @Test("a network written by balance verifies as balanced (already-balanced networks get a non-trivial transform)",
          arguments: ["b.json", "b.npz"])
    func balancedOutputVerifies(name: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(sbal("balance", example("reciprocal-pair.json"), "--output", "\(dir)/\(name)", "--quiet").code == 0)
        let run = sbal("verify", "\(dir)/\(name)")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("[verified] balance_certificate"))
    }

    @Test("verify --json prints the certificate: network, claims and one report per claim")
    func jsonShape() throws {
        let run = sbal("verify", example("reciprocal-pair.json"), "--json")
        #expect(run.code == 0)
        let object = try #require(jsonObject(run.output))
        #expect(object["format"] as? String == "swift-synaptic-balancing certificate")
        let claims = try #require(object["claims"] as? [Any])
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(claims.count == 4 && reports.count == 4)
        #expect(reports.map { $0["check"] as? String } == ["input_output_invariance", "lax_structure", "monotone_decrease", "balance_certificate"])
        #expect(reports.allSatisfy { $0["verdict"] as? String == "verified" })
        #expect(object["network"] is [String: Any])
    }

    @Test("a claimed equilibrium that is not one fails with exit code 1")
    func wrongScales() {
        let run = sbal("verify", example("reciprocal-pair.json"), "--scales", "1,3")
        #expect(run.code == 1)
        #expect(run.output.contains("[failed] balance_certificate"), "\(run.output)")
        #expect(run.output.contains("NOT verified"))
        let right = sbal("verify", example("reciprocal-pair.json"), "--scales", "1,2")
        #expect(right.code == 0, "\(right.output)")
    }

    @Test("certificates round trip: written, re-checked, and a tampered one is rejected")
    func certificateRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let issued = sbal("verify", example("two-neuron.json"), "--write-certificate", "\(dir)/c.json")
        #expect(issued.code == 0, "\(issued.output)\(issued.error)")
        let recheck = sbal("verify", "\(dir)/c.json")
        #expect(recheck.code == 0, "\(recheck.output)\(recheck.error)")
        #expect(recheck.output.contains("certificate verified"))
        let json = sbal("verify", "\(dir)/c.json", "--json")
        let object = try #require(jsonObject(json.output))
        #expect(object["entries"] is [Any])

        // Tamper: change the network's J[1][0] from 2 to 3 (the stored reports no longer match).
        let text = try String(contentsOfFile: "\(dir)/c.json", encoding: .utf8)
        var root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var network = try #require(root["network"] as? [String: Any])
        var weights = try #require(network["recurrentWeights"] as? [String: Any])
        var rows = try #require(weights["values"] as? [[Any]])
        #expect("\(rows[1][0])" == "2")
        rows[1][0] = "3"
        weights["values"] = rows
        network["recurrentWeights"] = weights
        root["network"] = network
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: "\(dir)/tampered.json"))
        let tampered = sbal("verify", "\(dir)/tampered.json")
        #expect(tampered.code == 1, "\(tampered.output)\(tampered.error)")
        #expect(tampered.output.contains("NOT"))
    }

    @Test("help for each subcommand is its own, with exit code 0", arguments: ["balance", "verify", "simulate", "audit", "fig5"])
    func subcommandHelp(name: String) {
        for arguments in [[name, "--help"], ["help", name]] {
            let run = sbal(arguments)
            #expect(run.code == 0)
            #expect(run.output.contains("USAGE: sbal \(name)"), "\(arguments): \(run.output.prefix(200))")
        }
    }

    @Test("a network above --max-neurons is refused as bad input, not left running")
    func tooLarge() {
        let run = sbal("verify", example("random64.npz"))
        #expect(run.code == 2)
        #expect(run.error.contains("--max-neurons"), "\(run.error)")
    }

    @Test("bad input to verify exits with 2", arguments: [
        (#"{"J": [[0, 1], [1, 0]], "nonlinearity": "tanh"}"#, "not positively homogeneous"),
        (#"{"format": "swift-synaptic-balancing certificate", "version": 1}"#, "network"),
        (#"{"J": [[0, 1], [1, 0]], "cost": {"p": "3/2"}}"#, "cost.p"),
    ])
    func badInput(text: String, mention: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: "\(dir)/x.json", atomically: true, encoding: .utf8)
        let run = sbal("verify", "\(dir)/x.json")
        #expect(run.code == 2)
        #expect(run.error.contains(mention), "\(run.error)")
    }

    @Test("--scales with an empty entry is bad input, not silently shortened", arguments: ["1,,4", "1,4,", ",1,4"])
    func emptyScaleEntry(scales: String) {
        let run = sbal("verify", example("two-neuron.json"), "--scales", scales)
        #expect(run.code == 2)
        #expect(run.error.contains("--scales"), "\(run.error)")
    }

    @Test("an empty trial (\"inputs\": []) is replaced by --steps steps of ones, not checked at t = 0 only")
    func emptyTrial() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"J": [[0, "1/8"], [2, 0]], "W_in": [[1], [1]], "W_out": [[1, 1]], "inputs": []}"#.write(toFile: "\(dir)/x.json", atomically: true, encoding: .utf8)
        let run = sbal("verify", "\(dir)/x.json", "--steps", "7")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("at all 8 states (t = 0 ... 7)"), "\(run.output)")
    }

    @Test("verify with a cost exponent too large for exact powers exits with 2 (no GMP abort)")
    func hugeExponent() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"J": [[0, 2], [3, 0]], "cost": {"p": 1000000000000}}"#.write(toFile: "\(dir)/x.json", atomically: true, encoding: .utf8)
        let run = sbal("verify", "\(dir)/x.json", "--scales", "1,1")
        #expect(run.code == 2)
        #expect(run.error.contains("bits"), "\(run.error)")
    }

    @Test("audit --drift-bound: an Euler step that flips the sign of a synapse fails, exit code 1")
    func auditSignFlip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // g = (-15, 15): J10 = 4 -> 4 (1 - 30 * 0.05) = -2 while the cost drops from 17 to 41/4.
        try #"{"J": [[0, 1], [4, 0]]}"#.write(toFile: "\(dir)/flip.json", atomically: true, encoding: .utf8)
        let run = sbal("audit", "\(dir)/flip.json", "--integrator", "euler", "--step", "0.05", "--steps", "1", "--drift-bound", "1/100")
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("[failed]"))
    }

    @Test("audit: RK4 on (J, h) keeps the cost decreasing; the drift of cycle products is reported")
    func auditOk() throws {
        let run = sbal("audit", example("two-neuron.json"), "--integrator", "rk4", "--form", "jh", "--step", "0.05", "--steps", "20", "--json")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        let report = try #require(jsonObject(run.output))
        #expect(report["verdict"] as? String == "verified")
        #expect(report["check"] as? String == "float_path_audit")
    }

    @Test("audit: an unstable Euler step makes the exact cost increase, exit code 1")
    func auditFails() {
        // c10 = 4 at the start: a step of 0.4 moves u = h1 - h0 by about -3, far past the equilibrium
        // (u* = log 4), and the exact cost of the recorded point is larger than the initial cost.
        let run = sbal("audit", example("two-neuron.json"), "--integrator", "euler", "--form", "h", "--step", "0.4", "--steps", "2")
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("[failed]"))
    }

    @Test("an audit certificate is re-checked by verify")
    func auditCertificate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("audit", example("reciprocal-pair.json"), "--integrator", "euler", "--step", "0.01", "--steps", "10", "--exact-steps", "3", "--write-certificate", "\(dir)/a.json")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        let recheck = sbal("verify", "\(dir)/a.json")
        #expect(recheck.code == 0, "\(recheck.output)\(recheck.error)")
    }
}
