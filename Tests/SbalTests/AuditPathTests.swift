import Foundation
import NetworkFiles
import Testing
import TestSupport

/// `sbal audit --path`: a path recorded by scipy's `solve_ivp` (Tests/Fixtures/make-solve-ivp-path.py)
/// is audited exactly, every point, as the package's own integrator paths are.
@Suite("audit --path of a recorded solve_ivp path")
struct AuditPathTests {
    let network = fixture("solve-ivp-network.json")
    let path = fixture("solve-ivp-path.npz")

    /// The fixture's arrays, to be altered and written to a temporary .npz.
    func arrays() throws -> [String: NumPyArray] { try NumPyArchive.read(path, maxDimensions: 3) }

    func write(_ arrays: [String: NumPyArray]) throws -> String {
        let file = try temporaryDirectory() + "/path.npz"
        try NumPyArchive.write(arrays, to: file)
        return file
    }

    func value(_ report: [String: Any], _ name: String) -> [String]? {
        let values = report["values"] as? [[String: Any]] ?? []
        guard let entry = values.first(where: { $0["name"] as? String == name }) else { return nil }
        return (entry["approximate"] ?? entry["exact"]) as? [String]
    }

    @Test("the solve_ivp fixture: cost non-increasing at all 21 points, invariant drift at integrator accuracy")
    func fixtureAudits() throws {
        let run = sbal("audit", "--path", path, network, "--json")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        let report = try #require(jsonObject(run.output), "\(run.output)")
        #expect(report["verdict"] as? String == "verified")
        #expect(value(report, "points audited") == ["21"])
        #expect(value(report, "points with recorded weights") == ["21"])
        #expect(value(report, "exact cost increases") == [])
        #expect(value(report, "initial exact cost") == ["8.140625"])
        let drift = try #require(value(report, "max relative invariant drift")?.first.flatMap(Double.init))
        #expect(drift > 0 && drift < 1e-8, "drift \(drift)")
        let orbit = try #require(value(report, "max relative distance from the orbit point of the recorded scales")?.first.flatMap(Double.init))
        #expect(orbit < 1e-8, "distance from the orbit \(orbit)")
        let charpoly = try #require(value(report, "max |charpoly coefficient drift| (ascending)"))
        #expect(charpoly.compactMap(Double.init).allSatisfy { $0 < 1e-8 }, "\(charpoly)")
    }

    @Test("the audit of a recorded path as a certificate: re-checks from the file; a changed snapshot is refused")
    func certificateOfARecordedPath() throws {
        let certificate = try temporaryDirectory() + "/path-certificate.json"
        let run = sbal("audit", "--path", path, network, "--write-certificate", certificate)
        #expect(run.code == 0, "\(run.error)")
        let recheck = sbal("verify", certificate)
        #expect(recheck.code == 0 && recheck.output.contains("certificate verified"), "\(recheck.output)\(recheck.error)")
        // change one digit of one recorded weight: the stored report no longer follows from the path
        var text = try String(contentsOfFile: certificate, encoding: .utf8)
        let marker = "\"time\""
        let at = try #require(text.range(of: marker, range: text.index(text.startIndex, offsetBy: text.count / 2)..<text.endIndex))
        let digit = try #require(text[at.upperBound...].firstIndex(where: { ("1"..."8").contains($0) }))
        text.replaceSubrange(digit...digit, with: String(Character(UnicodeScalar(text[digit].asciiValue! + 1))))
        try text.write(toFile: certificate, atomically: true, encoding: .utf8)
        #expect(sbal("verify", certificate).code != 0)
    }

    @Test("one snapshot's J scaled up by 3/2: that step is the one cost increase, exit 1")
    func plantedIncrease() throws {
        var a = try arrays()
        var j = try #require(a["J"])
        let n = 4, k = 7
        for index in (k * n * n)..<((k + 1) * n * n) { j.values[index] *= 1.5 }
        a["J"] = j
        let run = sbal("audit", "--path", try write(a), network)
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("exact cost non-increasing (point 6 -> 7)"), "\(run.output)")
        let increases = try #require(run.output.split(separator: "\n").first { $0.contains("exact cost increases:") })
        #expect(increases.contains("step 7: ") && !increases.contains("step 8") && !increases.contains(", step"), "\(increases)")
    }

    @Test("h or d snapshots alone: J(t) = D^-1 J(0) D, cost non-increasing at every point")
    func scalesOnly() throws {
        let a = try arrays()
        let h = try #require(a["h"])
        let d = try NumPyArray(shape: h.shape, values: h.values.map { Foundation.exp($0) })
        for (name, member) in [("h", h), ("d", d)] {
            let run = sbal("audit", "--path", try write(["t": a["t"]!, name: member]), network)
            #expect(run.code == 0, "\(name): \(run.output)\(run.error)")
            #expect(run.output.contains("21 snapshots of \(name),"), "\(run.output)")
            #expect(run.output.contains("exact cost non-increasing over all 21 points"), "\(run.output)")
        }
    }

    func expectBadInput(_ arrays: [String: NumPyArray], network: String? = nil, _ fragments: String...) throws {
        let run = sbal("audit", "--path", try write(arrays), network ?? self.network)
        #expect(run.code == 2, "\(run.output)\(run.error)")
        for fragment in fragments { #expect(run.error.contains(fragment), "'\(fragment)' not in: \(run.error)") }
    }

    @Test("bad shapes and values exit 2 naming the member")
    func badInput() throws {
        let a = try arrays()
        var noT = a; noT["t"] = nil
        try expectBadInput(noT, "t (t.npy")
        var short = a; short["t"] = try NumPyArray(shape: [20], values: Array(a["t"]!.values.prefix(20)))
        try expectBadInput(short, "path member J has shape (21, 4, 4)", "T = 21 snapshots but t has 20 times")
        try expectBadInput(a, network: example("two-neuron.json"), "path member J has shape (21, 4, 4)", "N mismatch: the network has N = 2")
        var nan = a; nan["J"]!.values[3 * 16 + 1 * 4 + 2] = .nan
        try expectBadInput(nan, "path member J[3, 1, 2] = nan is not a finite number")
        var flat = a; flat["t"]!.values[5] = flat["t"]!.values[4]
        try expectBadInput(flat, "t[5]", "is not after t[4]", "times must increase strictly")
        try expectBadInput(["t": a["t"]!], "none of J (T x N x N), h or d")
    }
}
