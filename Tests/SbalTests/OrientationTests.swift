import Foundation
import NetworkFiles
import Testing
import TestSupport

/// Issue 12 item 1: a file states its orientation (post_pre: row i of J = synapses into neuron i;
/// pre_post: W[pre, post] as in x @ W), --orientation overrides, and a file that states neither is read
/// as post_pre with the assumption said on the first output line and in the report.
@Suite("orientation of weight matrices")
struct OrientationTests {
    /// A 3-neuron network with 2 inputs and 1 output, post_pre, not balanced.
    static let j: [[Double]] = [[0, 2, 0.5], [0.25, 0, 3], [1, 0.5, 0]]
    static let wIn: [[Double]] = [[1, 0], [0, 1], [1, 1]]  // N x M
    static let wOut: [[Double]] = [[1, -1, 0.5]]            // K x N

    static func transpose(_ m: [[Double]]) -> [[Double]] {
        guard let columns = m.first?.count else { return [] }
        return (0..<columns).map { c in m.map { $0[c] } }
    }

    static func json(_ matrices: (j: [[Double]], wIn: [[Double]], wOut: [[Double]]), orientation: String?) -> String {
        func text(_ m: [[Double]]) -> String { "[" + m.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
        let stated = orientation.map { #""orientation": "\#($0)", "# } ?? ""
        return #"{\#(stated)"J": \#(text(matrices.j)), "W_in": \#(text(matrices.wIn)), "W_out": \#(text(matrices.wOut)), "inputs": [[1, 0], [0, 1], [1, 1], [0, 0]]}"#
    }

    static var postPre: (j: [[Double]], wIn: [[Double]], wOut: [[Double]]) { (j, wIn, wOut) }
    static var prePost: (j: [[Double]], wIn: [[Double]], wOut: [[Double]]) { (transpose(j), transpose(wIn), transpose(wOut)) }

    func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a pre_post file balances to the transpose of the post_pre result and is written back pre_post")
    func prePostFileIsTheTransposedNetwork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try write(Self.json(Self.postPre, orientation: "post_pre"), "a.json", in: dir)
        let b = try write(Self.json(Self.prePost, orientation: "pre_post"), "b.json", in: dir)
        for (input, output) in [(a, "\(dir)/a-out.json"), (b, "\(dir)/b-out.json")] {
            let run = sbal("balance", input, "--output", output, "--quiet")
            #expect(run.code == 0, "\(run.error)")
            #expect(!run.output.contains("assumed"), "\(run.output)")
        }
        let outA = try NetworkFile.read("\(dir)/a-out.json"), outB = try NetworkFile.read("\(dir)/b-out.json")
        #expect(outB.orientation == .prePost && outB.orientationSource == .file)
        // Stored post_pre in both: the same balanced network.
        #expect(outA.recurrentWeights.doubleValues == outB.recurrentWeights.doubleValues)
        #expect(outA.inputWeights.doubleValues == outB.inputWeights.doubleValues)
        #expect(outA.outputWeights.doubleValues == outB.outputWeights.doubleValues)
        // And b's file holds the transposes, in the user's layout (W_in M x N, W_out N x K).
        let fileB = try #require(jsonObject(try String(contentsOfFile: "\(dir)/b-out.json", encoding: .utf8)))
        #expect(fileB["orientation"] as? String == "pre_post")
        // The file's own layout (numbers read by Double(String), correctly rounded): the transposes.
        let root = try JSONParser.parse(try String(contentsOfFile: "\(dir)/b-out.json", encoding: .utf8))
        func rows(_ key: String) -> [[Double]] {
            guard case let .array(rows)? = root[key] else { return [] }
            return rows.map { row in
                guard case let .array(items) = row else { return [] }
                return items.map { item in if case let .number(text) = item { return Double(text) ?? .nan } else { return .nan } }
            }
        }
        #expect(rows("W_in").count == 2 && rows("W_in")[0].count == 3 && rows("W_out").count == 3 && rows("W_out")[0].count == 1)
        #expect(rows("J").flatMap { $0 } == outA.recurrentWeights.transposed().doubleValues)
        #expect(rows("W_in").flatMap { $0 } == outA.inputWeights.transposed().doubleValues)
        #expect(rows("W_out").flatMap { $0 } == outA.outputWeights.transposed().doubleValues)
    }

    @Test("--orientation reads a file that states none, and overrides one that states the other")
    func optionOverrides() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unstated = try write(Self.json(Self.prePost, orientation: nil), "u.json", in: dir)
        let reference = try NetworkFile.read(try write(Self.json(Self.postPre, orientation: nil), "p.json", in: dir))
        let read = try NetworkFile.read(unstated, orientation: .prePost)
        #expect(read.recurrentWeights == reference.recurrentWeights && read.inputWeights == reference.inputWeights
                && read.outputWeights == reference.outputWeights)
        #expect(read.orientationSource == .option)
        let stated = try write(Self.json(Self.prePost, orientation: "post_pre"), "s.json", in: dir)
        #expect(try NetworkFile.read(stated, orientation: .prePost).recurrentWeights == reference.recurrentWeights)
        let run = sbal("balance", unstated, "--orientation", "pre_post", "--json", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        let report = try #require(jsonObject(run.output))
        #expect(report["orientation"] as? String == "pre_post" && report["orientationSource"] as? String == "option")
        #expect(sbal("balance", unstated, "--orientation", "rows").code == 2)
    }

    @Test("a file that states none: the first output line of every reading command says post_pre was assumed")
    func assumedIsSaid() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unstated = try write(Self.json(Self.postPre, orientation: nil), "u.json", in: dir)
        let stated = try write(Self.json(Self.postPre, orientation: "post_pre"), "s.json", in: dir)
        for command in [["balance", unstated, "--quiet"], ["simulate", unstated, "--trials", "2"], ["verify", unstated],
                        ["audit", unstated], ["compare", unstated, unstated]] {
            let run = sbal(command)
            #expect(run.code != 2, "\(command[0]): \(run.error)")
            let first = run.output.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.hasPrefix("orientation") && first.contains("post_pre (assumed: the file states none; row i of J = synapses into neuron i"),
                    "\(command[0]): \(first)")
            let explicit = sbal(command.map { $0 == unstated ? stated : $0 })
            #expect(!explicit.output.contains("assumed"), "\(command[0]): \(explicit.output)")
        }
        let report = try #require(jsonObject(sbal("balance", unstated, "--json", "--quiet").output))
        #expect(report["orientation"] as? String == "post_pre" && report["orientationSource"] as? String == "assumed")
    }

    @Test("--help of every file-reading subcommand explains --orientation")
    func helpSaysIt() {
        for command in ["balance", "simulate", "verify", "audit", "compare", "fig5", "train"] {
            let help = sbal(command, "--help")
            #expect(help.output.contains("--orientation") && help.output.contains("pre_post"), "\(command)")
        }
    }

    @Test("a bad orientation is refused naming the field")
    func badValue() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = try write(Self.json(Self.postPre, orientation: "rows"), "bad.json", in: dir)
        let run = sbal("balance", bad)
        #expect(run.code == 2 && run.error.contains("orientation") && run.error.contains("pre_post"), "\(run.error)")
        // A pre_post file whose W_in is N x M (the post_pre shape): the message says the layout was transposed.
        let shape = try write(#"{"orientation": "pre_post", "J": [[0, 1, 0], [1, 0, 1], [0, 1, 0]], "W_in": [[1], [1], [1]]}"#, "shape.json", in: dir)
        let shapeRun = sbal("balance", shape)
        #expect(shapeRun.code == 2 && shapeRun.error.contains("W_in has 1 rows, expected 3") && shapeRun.error.contains("in the file W_in is M x N"), "\(shapeRun.error)")
        let npz = "\(dir)/bad.npz"
        try NumPyArchive.write(["J": try NumPyArray(shape: [2, 2], values: [0, 1, 2, 0]), "orientation": NumPyArray(text: "cols")], to: npz)
        let npzRun = sbal("balance", npz)
        #expect(npzRun.code == 2 && npzRun.error.contains("orientation.npy"), "\(npzRun.error)")
    }

    @Test(".npz: an orientation member is read, and written back with the transposed matrices")
    func npzRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = Self.prePost
        let path = "\(dir)/net.npz"
        try NumPyArchive.write([
            "J": try NumPyArray(shape: [3, 3], values: t.j.flatMap { $0 }),
            "W_in": try NumPyArray(shape: [2, 3], values: t.wIn.flatMap { $0 }),
            "W_out": try NumPyArray(shape: [3, 1], values: t.wOut.flatMap { $0 }),
            "orientation": NumPyArray(text: "pre_post"),
        ], to: path)
        let document = try NetworkFile.read(path)
        #expect(document.orientation == .prePost && document.orientationSource == .file)
        #expect(document.recurrentWeights.doubleValues == Self.j.flatMap { $0 })
        #expect(document.inputCount == 2 && document.outputCount == 1)
        let out = "\(dir)/out.npz"
        try NetworkFile.write(document, to: out)
        let arrays = try NumPyArchive.decode(Array(try Data(contentsOf: URL(fileURLWithPath: out))), name: out)
        #expect(arrays["J"]?.values == t.j.flatMap { $0 } && arrays["W_in"]?.shape == [2, 3] && arrays["W_out"]?.shape == [3, 1])
        #expect(arrays["orientation"]?.strings == ["pre_post"])
        let again = try NetworkFile.read(out)
        #expect(again.orientation == .prePost && again.recurrentWeights == document.recurrentWeights
                && again.inputWeights == document.inputWeights && again.outputWeights == document.outputWeights)
    }

    @Test("the user's numpy network in x @ W: the balanced file computes the same outputs in numpy")
    func numpyUserConvention() throws {
        guard PythonNumPy.isAvailable else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A network trained the row-vector way: x_{t+1} = x + dt (-x + relu(x) @ W_rec + u @ W_in), y = x @ W_out.
        try PythonNumPy.run("""
        import numpy as np
        rng = np.random.default_rng(3)
        N, M, K = 12, 2, 2
        W_rec = rng.normal(0, 1.2 / np.sqrt(N), (N, N)) * np.exp(rng.normal(0, 1, (N, 1)) - rng.normal(0, 1, (1, N)))
        np.fill_diagonal(W_rec, 0)
        W_in = rng.normal(0, 1, (M, N)); W_out = rng.normal(0, 1, (N, K))
        u = rng.normal(0, 1, (40, M))
        np.savez('\(dir)/net.npz', J=W_rec, W_in=W_in, W_out=W_out, inputs=u, orientation='pre_post')
        """)
        let run = sbal("balance", "\(dir)/net.npz", "--output", "\(dir)/balanced.npz", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        let deviation = try PythonNumPy.run("""
        import numpy as np
        def outputs(f):
            z = np.load(f)
            W, Wi, Wo, u = z['J'], z['W_in'], z['W_out'], z['inputs']
            assert str(z['orientation']) == 'pre_post'
            x = np.zeros(W.shape[0]); ys = []
            for t in range(u.shape[0]):
                x = x + 0.1 * (-x + np.maximum(x, 0) @ W + u[t] @ Wi)
                ys.append(np.maximum(x, 0) @ Wo)
            return np.array(ys)
        a, b = outputs('\(dir)/net.npz'), outputs('\(dir)/balanced.npz')
        print(np.abs(a - b).max() / np.abs(a).max())
        """)
        let value = try #require(Double(deviation.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(value < 1e-12, "relative output deviation in the user's convention: \(value)")
    }
}
