import Foundation
import NetworkFiles
import Testing
@testable import SbalCommands
import TestSupport

/// `sbal balance` and `sbal verify` on reducible networks and wide scales (docs/reducible-networks.md).
@Suite("sbal on reducible networks and wide scales")
struct ReducibleCommandTests {
    static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("every solver writes a network that costs no more than the input, and reports inside, between, infimum and gap",
          arguments: ["auto", "newton", "osborne", "osborne-random", "euler", "rk4", "dopri"])
    func everySolverNeverRaisesTheCost(solver: String) throws {
        let run = sbal("balance", example("reducible300.json"), "--solver", solver, "--json", "--quiet", "--max-iterations", "2000")
        let report = try #require(jsonObject(run.output), "\(run.error)")
        let initial = try #require(report["initialCost"] as? Double), final = try #require(report["finalCost"] as? Double)
        let inside = try #require(report["insideCost"] as? Double), between = try #require(report["crossCost"] as? Double)
        let infimum = try #require(report["infimumCost"] as? Double)
        #expect(final <= initial)
        #expect(abs(inside + between - final) <= 1e-9 * final)
        #expect(infimum <= final && abs((report["gap"] as? Double ?? -1) - (final - infimum)) <= 1e-9 * final)
        #expect((report["unboundedSynapses"] as? [Any])?.isEmpty == false)
        if ["auto", "newton", "osborne", "osborne-random"].contains(solver) {
            #expect(run.code == 0 && report["converged"] as? Bool == true)
            #expect(abs(inside / infimum - 1) < 1e-9)
        } else {
            #expect(run.code == 1, "a flow on a reducible network approaches the infimum like 1/t")
        }
    }

    @Test("--max-log-scale-spread: a wider bound leaves less cost between components; a negative one is bad input")
    func spreadOption() throws {
        func between(_ bound: String) throws -> Double {
            let run = sbal("balance", example("reducible300.json"), "--json", "--quiet", "--max-log-scale-spread", bound)
            #expect(run.code == 0, "\(run.error)")
            return try #require(jsonObject(run.output)?["crossCost"] as? Double)
        }
        #expect(try between("40") < (try between("10")))
        #expect(sbal("balance", example("reducible300.json"), "--max-log-scale-spread", "-1").code == 2)
    }

    @Test("verify: a scale of 1e-8 is rounded relative to its magnitude, and the balanced network verifies exactly")
    func wideScalesVerify() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // c_01 = 1e-32, c_10 = 1: balanced at d_1 / d_0 = 1e-8
        let path = try Self.write(#"{"J": [[0, 1e-16], [1, 0]]}"#, "tiny.json", in: dir)
        let run = sbal("verify", path)
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("[verified] balance_certificate"))
    }

    @Test("costs beyond Double (weights 1e170 and 1e-170) are balanced and reported as powers of 10")
    func extremeWeights() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.write(#"{"J": [[0, 1e170, 0], [1e-170, 0, 0], [3, 2, 0]]}"#, "huge.json", in: dir)
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("cost C         10^340 -> 2  (ratio 10^-339.7)"), "\(run.output)")
        let json = try #require(jsonObject(sbal("balance", path, "--quiet", "--json").output))
        #expect(json["initialCost"] == nil && abs((json["log10InitialCost"] as? Double ?? 0) - 340) < 1e-9)
        #expect(abs((json["infimumCost"] as? Double ?? 0) - 2) < 1e-9)
    }

    @Test("the same network as a sparse edge list: balanced in CSR, written, and its transform re-checked")
    func extremeWeightsSparse() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/huge.csv"
        try AtomicFile.write(Array("pre,post,weight\n1,0,1e170\n0,1,1e-170\n0,2,3\n1,2,2\n".utf8), to: path)
        let out = dir + "/balanced.csv"
        let run = sbal("balance", path, "--quiet", "--json", "-o", out)
        #expect(run.code == 0, "\(run.output)\(run.error)")
        let json = try #require(jsonObject(run.output))
        #expect(abs((json["log10InitialCost"] as? Double ?? 0) - 340) < 1e-9)
        // synapses on no cycle: the written weights' cost is computed again from them, not taken from the solver
        #expect(abs((json["transformedCost"] as? Double ?? 0) - 2) < 1e-9)
        #expect((json["transformedRelativeImbalance"] as? Double ?? 1) < 1e-10)
        let written = String(decoding: try AtomicFile.read(out), as: UTF8.self)
        #expect(written.hasPrefix("pre,post,weight\n1,0,"))
    }
}
