import Foundation
import NetworkFiles
import SynapticBalancing
import Testing
import TestSupport

/// Network `.npz` files with a sparse J (`J_format`, ...) and scipy files written back in their own
/// storage and orientation (fixtures by Tests/Fixtures/make-sparse-networks.py).
@Suite("Network archives with a sparse J")
struct SparseNetworkArchiveTests {
    /// The dense twin's J (row = post).
    func denseJ() throws -> SparseMatrix {
        let a = try NumPyArchive.read(fixture("sparse-network-dense.npz"), maxDimensions: 3)["J"]!
        return SparseMatrix(try DenseMatrix(rows: a.shape[0], columns: a.shape[1], elements: a.values))
    }

    @Test("csr post_pre and coo pre_post archives read as the dense twin, members kept in file layout")
    func readsAsDenseTwin() throws {
        let dense = try NumPyArchive.read(fixture("sparse-network-dense.npz"), maxDimensions: 3)
        for file in ["sparse-network.npz", "sparse-network-prepost-coo.npz"] {
            let network = try SparseNetworkFile.read(fixture(file))
            #expect(network.weights == (try denseJ()), "\(file)")
            let prePost = file.contains("prepost")
            #expect(network.layout == .networkArchive(storage: prePost ? "coo" : "csr"))
            #expect(network.orientation == (prePost ? .prePost : .postPre))
            let wIn = try #require(network.networkMembers["W_in"])
            #expect(wIn.shape == (prePost ? [3, 12] : [12, 3]))
            #expect(network.networkMembers["b"] == dense["b"] && network.networkMembers["inputs"] == dense["inputs"])
            #expect(network.nonlinearityName == "relu" && network.transformPreservesTask)
        }
    }

    @Test("write then read is the identity, in every storage and orientation")
    func roundTrips() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for file in ["sparse-network.npz", "sparse-network-prepost-coo.npz"] {
            var network = try SparseNetworkFile.read(fixture(file))
            for storage in ["csr", "csc", "coo"] {
                network.layout = .networkArchive(storage: storage)
                let path = directory + "/\(storage)-\(file)"
                try SparseNetworkFile.write(network, logScales: nil, to: path)
                let back = try SparseNetworkFile.read(path)
                #expect(back.weights == network.weights && back.layout == network.layout && back.orientation == network.orientation)
                #expect(back.networkMembers == network.networkMembers)
                // a bare scipy file too: written as read, not always as post_pre CSR
                for orientation in NetworkOrientation.allCases {
                    let bare = SparseNetwork(weights: network.weights, layout: .scipySparse(storage: storage), orientation: orientation)
                    try SparseNetworkFile.write(bare, logScales: [Double](repeating: 0.5, count: 12), to: path)
                    let bareBack = try SparseNetworkFile.read(path)
                    #expect(bareBack.weights == network.weights && bareBack.layout == bare.layout && bareBack.orientation == orientation)
                }
            }
        }
    }

    @Test("transformed: D^-1 W_in, D^-1 b, D^-1 x_0 and W_out D along the neuron axis of the file layout")
    func transformActsOnNeuronAxis() throws {
        let h = (0..<12).map { 0.1 * Double($0) - 0.5 }
        for file in ["sparse-network.npz", "sparse-network-prepost-coo.npz"] {
            let network = try SparseNetworkFile.read(fixture(file))
            let t = try network.transformed(to: network.weights, logScales: h)
            let prePost = network.orientation == .prePost
            let wIn = network.networkMembers["W_in"]!, wInT = t.networkMembers["W_in"]!
            let wOut = network.networkMembers["W_out"]!, wOutT = t.networkMembers["W_out"]!
            for i in 0..<12 {
                for m in 0..<3 {
                    let k = prePost ? m * 12 + i : i * 3 + m
                    #expect(abs(wInT.values[k] - wIn.values[k] * exp(-h[i])) <= 1e-15 * abs(wIn.values[k]))
                }
                for o in 0..<2 {
                    let k = prePost ? i * 2 + o : o * 12 + i
                    #expect(abs(wOutT.values[k] - wOut.values[k] * exp(h[i])) <= 1e-15 * abs(wOutT.values[k]))
                }
                #expect(abs(t.networkMembers["b"]!.values[i] - network.networkMembers["b"]!.values[i] * exp(-h[i])) <= 1e-16)
                #expect(abs(t.networkMembers["initial_state"]!.values[i] - network.networkMembers["initial_state"]!.values[i] * exp(-h[i])) <= 1e-16)
            }
            #expect(t.networkMembers["inputs"] == network.networkMembers["inputs"] && t.networkMembers["tau"] == network.networkMembers["tau"])
        }
    }

    @Test("bad members are named: shapes against N, dense cost_alpha, unknown names, tanh refused by the transform")
    func badMembers() throws {
        let arrays = try NumPyArchive.read(fixture("sparse-network.npz"), maxDimensions: 3)
        func message(_ change: (inout [String: NumPyArray]) throws -> Void) -> String {
            var a = arrays
            do { try change(&a); _ = try SparseNetworkArchive.decode(a, name: "net.npz"); return "no error" } catch { return String(describing: error) }
        }
        #expect(message { _ in } == "no error")
        #expect(message { $0["W_in"] = try NumPyArray(rows: 3, columns: 12, elements: [Double](repeating: 1, count: 36)) }
            .contains("net.npz:W_in.npy: shape (3, 12) does not match N = 12 neurons (expected N x M in orientation post_pre)"))
        #expect(message { $0["b"] = try NumPyArray(shape: [11], values: [Double](repeating: 1, count: 11)) }.contains("net.npz:b.npy"))
        #expect(message { $0["cost_alpha"] = try NumPyArray(rows: 12, columns: 12, elements: [Double](repeating: 1, count: 144)) }
            .contains("an N x N alpha is dense"))
        #expect(message { $0["Win"] = $0["W_in"] }.contains("net.npz:Win.npy: unknown member"))
        #expect(message { $0["W_out"]!.values[5] = .infinity }.contains("net.npz:W_out.npy: entry 5 is inf"))
        #expect(message { $0["inputs"] = try NumPyArray(shape: [20, 4], values: [Double](repeating: 0, count: 80)) }.contains("width 4"))
        #expect(message { $0["J_indptr"]!.values[3] = 100 }.contains("net.npz:J_indptr.npy"))
        #expect(message { $0["J_indices"] = nil }.contains("J_indices"))
        var tanh = arrays
        tanh["nonlinearity"] = NumPyArray(text: "tanh")
        let network = try SparseNetworkArchive.decode(tanh, name: "net.npz")
        #expect(!network.transformPreservesTask)
        #expect(throws: BalancingError.self) { try network.transformed(to: network.weights, logScales: [Double](repeating: 0, count: 12)) }
    }

    @Test("the file's cost: cost_p and a scalar or presynaptic cost_alpha")
    func fileCost() throws {
        var arrays = try NumPyArchive.read(fixture("sparse-network.npz"), maxDimensions: 3)
        #expect(try SparseNetworkArchive.decode(arrays, name: "net.npz").fileCost() == nil)
        arrays["cost_p"] = NumPyArray(scalar: 1)
        arrays["cost_alpha"] = NumPyArray(scalar: 3)
        let model = try #require(try SparseNetworkArchive.decode(arrays, name: "net.npz").fileCost())
        #expect(model.exponent == 1)
        #expect(model.weighting == .presynaptic([Double](repeating: 3, count: 12)))
    }
}
