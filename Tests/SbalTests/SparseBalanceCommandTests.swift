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

/// `sbal balance` on network archives with a sparse J: the written network computes the same outputs.
@Suite("sbal balance on a network with a sparse J")
struct SparseNetworkArchiveCommandTests {
    /// The written archive as a dense network file (J densified in the file's layout), for simulation.
    func denseDocument(_ path: String) throws -> NetworkDocument {
        var arrays = try NumPyArchive.read(path, maxDimensions: 3)
        let sparse = try SparseNetworkFile.read(path)
        let J = sparse.orientation == .postPre ? sparse.weights.dense : sparse.weights.transposed.dense
        for key in SparseNetworkArchive.matrixMembers + ["h"] { arrays[key] = nil }
        arrays["J"] = try NumPyArray(rows: J.rows, columns: J.columns, elements: J.elements)
        return try NetworkDocument(numPyArrays: arrays, name: path)
    }

    /// The noiseless outputs of every trial (x_0 from the file).
    func outputs(_ document: NetworkDocument) throws -> [[Double]] {
        let network = try document.recurrentNetwork()
        let x0 = try #require(document.initialState).doubleValues
        return try #require(document.trialInputs).flatMap { try network.simulate(inputs: $0, initialState: x0).outputs }
    }

    @Test("csr post_pre and coo pre_post: balanced like the dense twin, outputs unchanged, written as read")
    func balancedLikeDenseTwin() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let denseOut = dir + "/dense.npz"
        let dense = sbal("balance", fixture("sparse-network-dense.npz"), "-o", denseOut, "--solver", "osborne", "--json", "--quiet")
        #expect(dense.code == 0, "\(dense.error)")
        let denseBalanced = try NetworkFile.read(denseOut)
        let original = try outputs(try NetworkFile.read(fixture("sparse-network-dense.npz")))
        let scale = original.joined().map(abs).max()!
        for file in ["sparse-network.npz", "sparse-network-prepost-coo.npz"] {
            let out = dir + "/" + file
            let run = sbal("balance", fixture(file), "-o", out, "--solver", "osborne", "--json", "--quiet")
            #expect(run.code == 0, "\(run.error)")
            let written = try SparseNetworkFile.read(out)
            let input = try SparseNetworkFile.read(fixture(file))
            #expect(written.layout == input.layout && written.orientation == input.orientation)
            let document = try denseDocument(out)
            #expect(document.readout == .state)
            // the same balanced network as the dense path (both converged to |g|/C <= 1e-10)
            for (a, b) in [(document.recurrentWeights, denseBalanced.recurrentWeights), (document.inputWeights, denseBalanced.inputWeights),
                           (document.outputWeights, denseBalanced.outputWeights), (document.bias, denseBalanced.bias)] {
                for (x, y) in zip(a.doubleValues, b.doubleValues) { #expect(abs(x - y) <= 1e-8 * max(1, abs(y)), "\(file)") }
            }
            // the written network computes the original's outputs
            let balanced = try outputs(document)
            for (x, y) in zip(balanced.joined(), original.joined()) { #expect(abs(x - y) <= 1e-12 * scale, "\(file)") }
            // and its h: J_written = D^-1 J D
            let h = try #require(try NumPyArchive.read(out, maxDimensions: 3)["h"]).values
            for i in 0..<12 {
                for k in input.weights.rowStart[i]..<input.weights.rowStart[i + 1] {
                    let j = Int(input.weights.columnIndex[k])
                    #expect(abs(written.weights[i, j] - input.weights.values[k] * exp(h[j] - h[i])) <= 1e-12 * abs(written.weights[i, j]))
                }
            }
        }
    }

    @Test("a tanh network is refused before any work, naming why; nothing is written")
    func tanhRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var arrays = try NumPyArchive.read(fixture("sparse-network.npz"), maxDimensions: 3)
        arrays["nonlinearity"] = NumPyArray(text: "tanh")
        try NumPyArchive.write(arrays, to: dir + "/tanh.npz")
        let run = sbal("balance", dir + "/tanh.npz", "-o", dir + "/out.npz", "--quiet")
        #expect(run.code != 0)
        #expect(run.error.contains("tanh is not positively homogeneous"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.npz"))
    }
}
