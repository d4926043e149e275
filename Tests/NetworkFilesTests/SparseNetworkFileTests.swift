import Foundation
import NetworkFiles
import SynapticBalancing
import Testing
import TestSupport

/// Edge lists and scipy.sparse files (fixtures by Tests/Fixtures/make-sparse-networks.py).
@Suite("Sparse network files")
struct SparseNetworkFileTests {
    /// J of the dense twin, sparse (its exact zeros dropped).
    func denseTwin() throws -> SparseMatrix {
        let a = try NumPyArchive.read(fixture("sparse-dense.npz"))["J"]!
        return SparseMatrix(try DenseMatrix(rows: a.shape[0], columns: a.shape[1], elements: a.values))
    }

    func names() throws -> [String] {
        String(decoding: try AtomicFile.read(fixture("sparse-names.txt")), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("every fixture layout reads as the dense twin's J (row = post)")
    func layoutsAgree() throws {
        let expected = try denseTwin()
        for file in ["sparse-csr.npz", "sparse-csc.npz", "sparse-coo.npz", "sparse-indices.tsv"] {
            let network = try SparseNetworkFile.read(fixture(file))
            #expect(network.weights == expected, "\(file)")
            #expect(network.neuronNames == nil)
        }
        let named = try SparseNetworkFile.read(fixture("sparse-names.csv"))
        // names numbered in sorted order: a permutation of the twin's neurons
        #expect(named.neuronNames == named.neuronNames!.sorted())
        let order = try names()
        let position = named.neuronNames!.map { order.firstIndex(of: $0)! }
        #expect(Set(position).count == order.count)
        for i in 0..<expected.rows {
            for j in 0..<expected.columns {
                #expect(named.weights[i, j] == expected[position[i], position[j]])
            }
        }
        #expect(SparseNetworkFile.isSparse(fixture("sparse-coo.npz")))
        #expect(!SparseNetworkFile.isSparse(fixture("sparse-dense.npz")))
    }

    @Test("round trips: edge list (names, CSV and TSV) and scipy.sparse keep J, names and h")
    func roundTrips() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let named = try SparseNetworkFile.read(fixture("sparse-names.csv"))
        let h = (0..<named.neuronCount).map { Double($0) / 7 - 0.5 }
        for ext in ["csv", "tsv"] {
            let path = directory + "/out." + ext
            let written = try SparseNetworkFile.write(named, logScales: h, to: path)
            #expect(written == [path, directory + "/out.h." + ext])
            let back = try SparseNetworkFile.read(path)
            #expect(back.weights == named.weights)
            #expect(back.neuronNames == named.neuronNames)
            let scales = String(decoding: try AtomicFile.read(written[1]), as: UTF8.self).split(separator: "\n").dropFirst()
            let sep: Character = ext == "csv" ? "," : "\t"
            #expect(scales.map { String($0.split(separator: sep)[0]) } == named.neuronNames!)
            #expect(scales.map { Double($0.split(separator: sep)[1])! } == h)
        }
        for file in ["sparse-csr.npz", "sparse-csc.npz", "sparse-coo.npz"] {
            let network = try SparseNetworkFile.read(fixture(file))
            let path = directory + "/out.npz"
            try SparseNetworkFile.write(network, logScales: h, to: path)
            let back = try SparseNetworkFile.read(path)
            #expect(back.weights == network.weights)
            #expect(back.orientationSource == .file)
            #expect(try NumPyArchive.read(path)["h"]?.values == h)
        }
    }

    @Test("scipy.sparse.load_npz reads the written file as it read the input: same storage, same matrix, either orientation",
          .enabled(if: PythonNumPy.isAvailable, "python3 is not available"))
    func scipyReadsOutput() throws {
        guard (try? PythonNumPy.run("import scipy.sparse")) != nil else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for storage in ["csr", "csc", "coo"] {
            for orientation in NetworkOrientation.allCases {
                let path = directory + "/J-\(storage)-\(orientation.rawValue).npz"
                try SparseNetworkFile.write(try SparseNetworkFile.read(fixture("sparse-\(storage).npz"), orientation: orientation), logScales: nil, to: path)
                let out = try PythonNumPy.run("""
                    import numpy as np, scipy.sparse as sp
                    a = sp.load_npz('\(path)'); b = sp.load_npz('\(fixture("sparse-\(storage).npz"))')
                    print(a.format, a.shape, np.array_equal(a.toarray(), b.toarray()))
                    """)
                #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(storage) (12, 12) True", "\(storage) \(orientation)")
            }
        }
        // a network archive: J_* rebuild J with scipy, the other members keep their names and shapes
        let path = directory + "/net.npz"
        try SparseNetworkFile.write(try SparseNetworkFile.read(fixture("sparse-network-prepost-coo.npz")), logScales: nil, to: path)
        let out = try PythonNumPy.run("""
            import numpy as np, scipy.sparse as sp
            z = np.load('\(path)'); d = np.load('\(fixture("sparse-network-dense.npz"))')
            J = sp.coo_matrix((z['J_data'], (z['J_row'], z['J_col'])), shape=z['J_shape'])
            print(str(z['J_format']), str(z['orientation']), np.array_equal(J.toarray().T, d['J']), np.array_equal(z['W_in'].T, d['W_in']), z['inputs'].shape)
            """)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "coo pre_post True True (2, 20, 3)")
    }

    @Test("pre_post (stated or --orientation) transposes a scipy file")
    func orientation() throws {
        let expected = try denseTwin()
        let transposed = try SparseNetworkFile.read(fixture("sparse-csr.npz"), orientation: .prePost)
        #expect(transposed.orientationSource == .option)
        for i in 0..<expected.rows { for j in 0..<expected.rows { #expect(transposed.weights[i, j] == expected[j, i]) } }
        #expect(try SparseNetworkFile.read(fixture("sparse-csr.npz")).orientationSource == .assumed)
        #expect(throws: NetworkFileError.self) { try SparseNetworkFile.read(fixture("sparse-names.csv"), orientation: .prePost) }
    }

    func decode(_ text: String, delimiter: UInt8 = 44) throws -> SparseNetwork {
        try EdgeListFormat.decode(Array(text.utf8), name: "e.csv", delimiter: delimiter)
    }

    func message(_ text: String) -> String {
        do { _ = try decode(text); return "no error" } catch { return String(describing: error) }
    }

    @Test("edge lists: header by column names, comments, quotes, CRLF, self-loops, isolated indices")
    func edgeListSyntax() throws {
        let n = try decode("# a comment\r\nweight,target,source\r\n\r\n2.5,\"b\",a\r\n-1,a,a\r\n")
        #expect(n.neuronNames == ["a", "b"])
        #expect(n.weights[1, 0] == 2.5 && n.weights[0, 0] == -1 && n.weights.nonzeroCount == 2)
        let indexed = try decode("0,4,1e-3\n")
        #expect(indexed.neuronCount == 5 && indexed.weights[4, 0] == 1e-3)
    }

    @Test("bad edge lists name the line and column")
    func edgeListErrors() {
        #expect(message("pre,post,weight\na,b,1\nb,a\n") == "e.csv:line 3, column 3: missing column: the line has 2 fields, the header's columns need 3")
        #expect(message("a,b,1\nb,a\n") == "e.csv:line 2, column 3: expected 3 fields (pre, post, weight), got 2")
        #expect(message("a,b,x1\n").hasPrefix("e.csv:line 1: the header names no presynaptic column"))
        #expect(message("0,1,1\n1,0,abc\n") == "e.csv:line 2, column 3: weight \"abc\" is not a number")
        #expect(message("0,1,nan\n") == "e.csv:line 1, column 3: weight nan is not finite")
        #expect(message("0,1,inf\n") == "e.csv:line 1, column 3: weight inf is not finite")
        #expect(message("0,1,1\n-2,0,1\n") == "e.csv:line 2, column 1: negative neuron index -2")
        #expect(message("0,1,1\nx,0,1\n").hasPrefix("e.csv:line 2, column 1: neuron id \"x\" is not an index"))
        #expect(message("0,1,1\n2,1,1\n0,1,3\n").hasPrefix("e.csv:line 3: duplicate synapse from 0 into 1 (also at e.csv:line 1)"))
        #expect(message("0,99999999999,1\n").hasPrefix("e.csv:line 1, column 2: neuron index 99999999999 is above"))
        #expect(message("pre,post,weight\n,1,1\n") == "e.csv:line 2, column 1: empty neuron id")
    }

    @Test("bad scipy files name the member")
    func scipyErrors() throws {
        var arrays = try ScipySparseFormat.encode(try denseTwin())
        arrays["indices"]!.values[3] = 12
        #expect(throws: NetworkFileError.invalidField(field: "J.npz:indices.npy", message: "entry 3 is 12.0, outside 0..<12")) {
            try ScipySparseFormat.decode(arrays, name: "J.npz")
        }
        arrays = try ScipySparseFormat.encode(try denseTwin())
        arrays["data"]!.values[0] = .nan
        #expect(throws: NetworkFileError.invalidField(field: "J.npz:data.npy", message: "entry 0 is nan, not a finite number")) {
            try ScipySparseFormat.decode(arrays, name: "J.npz")
        }
        arrays = try ScipySparseFormat.encode(try denseTwin())
        arrays["format"] = NumPyArray(text: "bsr")
        #expect(throws: NetworkFileError.self) { try ScipySparseFormat.decode(arrays, name: "J.npz") }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let big = directory + "/big.csv"
        try AtomicFile.write(text: String(repeating: "0,1,1\n", count: 100), to: big)
        #expect(throws: NetworkFileError.self) { try SparseNetworkFile.read(big, limits: InputLimits(maxUncompressedBytes: 100)) }
    }

    @Test("a sparse edge-list network balanced in CSR equals the same network given densely")
    func sparseBalanceEqualsDense() throws {
        let sparse = try SparseNetworkFile.read(fixture("sparse-indices.tsv")).weights
        let a = try NumPyArchive.read(fixture("sparse-dense.npz"))["J"]!
        let dense = try DenseMatrix(rows: a.shape[0], columns: a.shape[1], elements: a.values)
        for cost in [try CostModel(), try CostModel(exponent: 1)] {
            let s = try balance(sparse, cost: cost, solver: .newton)
            let d = try balance(dense, cost: cost, solver: .newton)
            #expect(s.converged && d.converged)
            // h is fixed up to a constant shift: compare differences from neuron 0
            for i in 0..<dense.rows {
                #expect(abs((s.logScales[i] - s.logScales[0]) - (d.logScales[i] - d.logScales[0])) < 1e-7)
            }
            #expect(abs(s.finalCost - d.finalCost) <= 1e-10 * d.finalCost)
            #expect(s.finalCost < s.initialCost)
        }
    }
}
