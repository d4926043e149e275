import Foundation
import NetworkFiles
import SynapticBalancing
import Testing
@testable import SbalCommands
import TestSupport

/// `sbal balance` on edge lists and scipy.sparse files (Tests/Fixtures/make-sparse-networks.py).
@Suite("sbal balance on sparse files")
struct SparseBalanceCommandTests {
    @Test("an edge list with names: balanced like its dense twin, written back with the same names and h")
    func edgeListWithNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/balanced.csv"
        let run = sbal("balance", fixture("sparse-names.csv"), "-o", out, "--json", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        let report = try #require(jsonObject(run.output), "\(run.error)")
        let dense = sbal("balance", fixture("sparse-dense.npz"), "--json", "--quiet")
        let denseReport = try #require(jsonObject(dense.output), "\(dense.error)")
        let final = try #require(report["finalCost"] as? Double), denseFinal = try #require(denseReport["finalCost"] as? Double)
        #expect(abs(final - denseFinal) <= 1e-10 * denseFinal)
        let names = try #require(report["neuronNames"] as? [String])
        let input = try SparseNetworkFile.read(fixture("sparse-names.csv"))
        #expect(names == input.neuronNames)
        let written = try SparseNetworkFile.read(out)
        #expect(written.neuronNames == names)
        // the written J is D^-1 J D with the written h
        let h = String(decoding: try AtomicFile.read(dir + "/balanced.h.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
            .map { Double($0.split(separator: ",")[1])! }
        for i in 0..<input.neuronCount {
            for k in input.weights.rowStart[i]..<input.weights.rowStart[i + 1] {
                let j = Int(input.weights.columnIndex[k])
                let expected = input.weights.values[k] * exp(h[j] - h[i])
                #expect(abs(written.weights[i, j] - expected) <= 1e-12 * abs(expected))
            }
        }
    }

    @Test("unbounded synapses are named by the edge list's neurons; bad lines are exit 2 naming the line")
    func namesInReportAndErrors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/chain.csv"
        try "pre,post,weight\nAVAL,AVAR,1\nAVAR,AVAL,2\nAVAR,DVA,0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 0, "\(run.error)")
        #expect(run.output.contains("(optimum at infinity): AVAR->DVA"), "\(run.output)")
        try "pre,post,weight\nAVAL,AVAR,1\nAVAR,AVAL,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bad = sbal("balance", path, "--quiet", "-o", dir + "/out.csv")
        #expect(bad.code == 2)
        #expect(bad.error.contains("line 3, column 3: weight \"x\" is not a number"), "\(bad.error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))
    }
}
