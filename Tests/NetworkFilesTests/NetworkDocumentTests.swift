import Foundation
import Rationals
import SynapticBalancing
import Testing
@testable import NetworkFiles
import TestSupport

@Suite("Network documents: JSON and .npz")
struct NetworkDocumentTests {
    static let small = """
    {"format": "synaptic-balancing-network", "version": 1,
     "nonlinearity": {"kind": "leaky_relu", "slope": "1/10"}, "tau": 2, "dt": 0.1,
     "J": [[0, "1/3"], [-2.5, "7"]], "W_in": [[1], ["-1/7"]], "W_out": [[1, 0], [0, "2/3"]], "b": [0.5, 0],
     "cost": {"p": 2, "alpha": [1, "1/2"]}, "inputs": [[1], [0]], "initial_state": [0, "1e-3"]}
    """

    @Test("JSON numbers and \"p/q\" strings are read exactly")
    func exactValues() throws {
        let doc = try NetworkDocument(json: Self.small)
        #expect(doc.neuronCount == 2 && doc.inputCount == 1 && doc.outputCount == 2)
        #expect(try doc.recurrentWeights.exactValues(field: "J") == [0, Rational(1, 3), Rational(-5, 2), 7])
        #expect(doc.timeStep == Rational(1, 10))
        #expect(doc.slope == Rational(1, 10))
        #expect(try doc.initialState?.exactValues(field: "x0") == [0, Rational(1, 1000)])
        #expect(doc.cost?.weights == .presynaptic(NumberMatrix(rows: 2, columns: 1, exact: [1, Rational(1, 2)])))
    }

    @Test("JSON write/read round trip is exact")
    func jsonRoundTrip() throws {
        let doc = try NetworkDocument(json: Self.small)
        let again = try NetworkDocument(json: doc.jsonText())
        #expect(again == doc)
    }

    @Test("NetworkFile.decode reads bytes as read reads the file, names the given file and checks the limits")
    func decodeBytes() throws {
        let path = fixture("numpy-original.npz")
        let fromFile = try NetworkFile.read(path)
        #expect(try NetworkFile.decode(AtomicFile.read(path), format: .npz, name: path) == fromFile)
        // The fuzzer's deflated seed holds the same members, compressed.
        let deflated = repositoryRoot + "/Fuzz/seeds/numpy-original-deflated.npz"
        #expect(try NetworkFile.decode(AtomicFile.read(deflated), format: .npz, name: deflated) == fromFile)
        let json = Array(#"{"J": [[0, 1], [2, 0]]}"#.utf8)
        #expect(try NetworkFile.decode(json, format: .json, name: "x.json").neuronCount == 2)
        #expect {
            try NetworkFile.decode(json, format: .json, name: "bytes.json", limits: InputLimits(maxNeurons: 1))
        } throws: { "\($0)".contains("bytes.json") && "\($0)".contains("--max-neurons 1") }
    }

    @Test("descriptions with quotes, backslashes and newlines survive a JSON round trip")
    func descriptionEscapes() throws {
        var doc = try NetworkDocument(json: #"{"J": [[1]]}"#)
        doc.description = "line 1\n\"quoted\" \\ tab\t é"
        #expect(try NetworkDocument(json: doc.jsonText()).description == doc.description)
    }

    @Test("npz round trip keeps every double", arguments: ["net.npz", "net.json"])
    func fileRoundTrip(name: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let values: [Double] = [0.1, -1e-300, 3.141592653589793, 0, 1e300, -2.5, 1.0 / 3.0, 7]
        let j = NumberMatrix(rows: 2, columns: 2, double: Array(values[0..<4]))
        let doc = try NetworkDocument(nonlinearity: .relu, timeConstant: 1, timeStep: Rational(1, 8), recurrentWeights: j,
                                      inputWeights: NumberMatrix(rows: 2, columns: 2, double: Array(values[4..<8])),
                                      outputWeights: NumberMatrix(rows: 1, columns: 2, double: [1, 2]),
                                      bias: NumberMatrix(rows: 2, columns: 1, double: [0.25, -0.75]))
        try NetworkFile.write(doc, to: "\(dir)/\(name)")
        let back = try NetworkFile.read("\(dir)/\(name)")
        #expect(back.recurrentWeights.doubleValues == j.doubleValues)
        #expect(back.inputWeights.doubleValues == Array(values[4..<8]))
        #expect(back.bias.doubleValues == [0.25, -0.75])
        #expect(back.timeStep == Rational(1, 8))
        #expect(back.outputCount == 1)
    }

    @Test("malformed files name the field and position", arguments: [
        (#"{"J": [[0, 1], [2, true]]}"#, #"J[1][1]: expected a number or "p/q" string, got true"#),
        (#"{"J": [[0, 1], [2, 0]], "W_out": [[1, 2, 3]]}"#, "W_out has 3 columns, expected 2 (neurons)"),
        (#"{"J": [[0, 1], [2]]}"#, "J[1] has 1 entries, expected 2 (the length of J[0])"),
        (#"{"J": [[0, 1, 2], [2, 0, 1]]}"#, "J has 2 rows and 3 columns, expected a square matrix"),
        (#"{"J": [[0, "1/0"], [2, 0]]}"#, #"J[0][1]: expected a number or "p/q" string, got "1/0""#),
        (#"{"J": [[0, 1], [2, 0]], "W_in": [[1], [2], [3]]}"#, "W_in has 3 rows, expected 2 (neurons)"),
        (#"{"J": [[0, 1], [2, 0]], "b": [1]}"#, "b has 1 entries, expected 2 (neurons)"),
        (#"{"J": [[0, 1], [2, 0]], "tau": "-1"}"#, "tau: must be positive, got -1"),
        (#"{"J": [[0, 1], [2, 0]], "nonlinearity": "sigmoid"}"#, #"nonlinearity.kind: expected one of "relu", "leaky_relu", "linear", "tanh", got "sigmoid""#),
        (#"{"J": [[0, 1], [2, 0]], "nonlinearity": "leaky_relu"}"#, "nonlinearity.slope: leaky_relu needs a slope"),
        (#"{"J": [[0, 1], [2, 0]], "W-in": []}"#, "W-in: unknown field"),
        (#"{"J": [[0, 1], [2, 0]], "cost": {"p": 0}}"#, "cost.p: must be positive, got 0"),
        (#"{"J": [[0, 1], [2, 0]], "cost": {"alpha": [1, -1]}}"#, "cost.alpha[1]: must be non-negative, got -1"),
        (#"{"J": [[0, 1], [2, 0]], "format": "other"}"#, #"format: expected "synaptic-balancing-network", got "other""#),
        (#"{"W_in": []}"#, #"missing field "J""#),
        (#"[1, 2]"#, "(document): expected a JSON object, got an array of 2 elements"),
    ])
    func malformed(text: String, message: String) {
        do {
            _ = try NetworkDocument(json: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test("errors about huge exact values stay short instead of printing every digit", arguments: [
        (#"{"J": [[0, "1e999999"], [2, 0]]}"#, "J[0][1]: 10000000000"),
        (#"{"J": [[0, 1], [2, 0]], "tau": "-1e999999"}"#, "tau: must be positive, got -1000000000"),
        (#"{"J": [[0, 1], [2, 0]], "cost": {"alpha": [1, "-1e999999"]}}"#, "cost.alpha[1]: -1000000000"),
        (#"{"J": [[0, 1], [2, 0]], "cost": {"alpha": "-1e999999"}}"#, "cost.alpha: must be non-negative, got -1000000000"),
    ])
    func hugeValuesInMessages(text: String, message: String) {
        do {
            _ = try NetworkDocument(json: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
            #expect("\(error)".count < 200, "\("\(error)".prefix(200))")
        }
    }

    @Test("npz members are checked")
    func malformedNpz() throws {
        let j = try NumPyArray(shape: [2, 2], values: [0, 1, 2, 0])
        #expect(throws: NetworkFileError.self) { try NetworkDocument(numPyArrays: ["W": j]) }
        #expect(throws: NetworkFileError.self) { try NetworkDocument(numPyArrays: ["J": j, "tau": try NumPyArray(shape: [2], values: [1, 2])]) }
        #expect(throws: NetworkFileError.invalidField(field: "J[0][1]", message: "nan is not a finite number")) {
            try NetworkDocument(numPyArrays: ["J": try NumPyArray(shape: [2, 2], values: [0, .nan, 2, 0])])
        }
        #expect(throws: NetworkFileError.invalidField(field: "W_in[1][0]", message: "inf is not a finite number")) {
            try NetworkDocument(numPyArrays: ["J": j, "W_in": try NumPyArray(shape: [2, 1], values: [1, .infinity])])
        }
        #expect(throws: NetworkFileError.self) { try NetworkDocument(numPyArrays: ["J": j, "nonlinearity": NumPyArray(text: "softplus")]) }
        let ok = try NetworkDocument(numPyArrays: ["J": j, "W_out": try NumPyArray(shape: [2], values: [1, 1]), "nonlinearity": NumPyArray(text: "linear")])
        #expect(ok.outputCount == 1 && ok.nonlinearity == .linear)
    }

    @Test("an npz written by NumPy becomes the same float network as its JSON twin", .enabled(if: PythonNumPy.isAvailable, "python3 with numpy is not available to write the fixture"))
    func numpyNetwork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try PythonNumPy.run("""
        import numpy as np, json
        rng = np.random.default_rng(3)
        J = rng.normal(size=(5, 5)); W_in = rng.normal(size=(5, 2)); W_out = rng.normal(size=(1, 5)); b = rng.normal(size=5)
        np.savez('\(dir)/n.npz', J=np.asfortranarray(J), W_in=W_in.astype('<f4'), W_out=W_out, b=b, tau=0.5, dt=0.05, nonlinearity='relu')
        doc = dict(format='synaptic-balancing-network', version=1, nonlinearity='relu', tau=0.5, dt=0.05,
                   J=J.tolist(), W_in=W_in.astype('<f4').astype('<f8').tolist(), W_out=W_out.tolist(), b=b.tolist())
        open('\(dir)/n.json', 'w').write(json.dumps(doc))
        """)
        let a = try NetworkFile.read("\(dir)/n.npz").recurrentNetwork()
        let b = try NetworkFile.read("\(dir)/n.json").recurrentNetwork()
        #expect(a == b)
        #expect(a.timeConstant == 0.5 && a.timeStep == 0.05)
    }
}
