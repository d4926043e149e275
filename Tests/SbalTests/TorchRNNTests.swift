import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing
import Testing
import TestSupport

/// PyTorch nn.RNN state_dicts (issue 12 item 3), from Tests/Fixtures/make-torch-rnn.py: discrete time
/// (dt = tau), b = b_ih + b_hh, the readout's bias carried, written back under the same names.
@Suite("PyTorch nn.RNN state_dict: read, simulated as nn.RNN, balanced, written back for load_state_dict")
struct TorchRNNTests {
    @Test("read as discrete time with b = b_ih + b_hh exactly; the Swift simulation is nn.RNN's recursion")
    func readAndSimulate() throws {
        let document = try NetworkFile.read(fixture("torch-rnn.npz"))
        let torch = try #require(document.torchRNN)
        #expect(torch.prefix == "rnn." && torch.readoutPrefix == "fc." && !torch.statesNonlinearity)
        #expect(document.timeConstant == 1 && document.timeStep == 1 && document.nonlinearity == .tanh)
        let b = try document.bias.exactValues(field: "b")
        let sum = try zip(torch.inputBias!, torch.recurrentBias!).map { try Rational(exactly: $0) + Rational(exactly: $1) }
        #expect(b == sum)
        var relu = document
        relu.nonlinearity = .relu
        let network = try relu.recurrentNetwork()
        let trial = try NumPyArchive.read(fixture("torch-rnn-trial.npz"))
        let inputs = try #require(trial["inputs"]), outputs = try #require(trial["outputs"])
        let u = (0..<inputs.shape[0]).map { Array(inputs.values[$0 * inputs.shape[1]..<($0 + 1) * inputs.shape[1]]) }
        let y = try network.simulate(inputs: u, initialState: Array(repeating: 0, count: network.neuronCount)).outputs
        let c = try #require(torch.outputBias)
        var largest = 0.0
        for (t, row) in y.enumerated() {
            for (k, value) in row.enumerated() { largest = max(largest, abs(value + c[k] - outputs.values[t * c.count + k])) }
        }
        #expect(largest < 1e-12, "max |y_swift + c - y_torch| = \(largest)")
    }

    @Test("balance: tanh (nn.RNN's default) is refused with the way out; relu is balanced and written under the same names")
    func balanceAndWriteBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let refused = sbal("balance", fixture("torch-rnn.npz"), "--output", "\(dir)/b.npz")
        #expect(refused.code == 2 && refused.error.contains("--rnn-nonlinearity relu"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/b.npz"))
        let run = sbal("balance", fixture("torch-rnn.npz"), "--rnn-nonlinearity", "relu", "--output", "\(dir)/b.npz")
        #expect(run.code == 0, "\(run.error)")
        let original = try NumPyArchive.read(fixture("torch-rnn.npz"))
        let written = try NumPyArchive.read("\(dir)/b.npz")
        #expect(Set(written.keys) == Set(original.keys).union(["sbal_log_scales", "sbal_nonlinearity"]))
        #expect(written["sbal_nonlinearity"]?.strings == ["relu"])
        // Both biases scaled by 1 / d_i = e^{-h_i} (split back proportionally); the readout bias unchanged.
        let h = try #require(written["sbal_log_scales"]).values
        for key in ["rnn.bias_ih_l0", "rnn.bias_hh_l0"] {
            for i in h.indices {
                let expected = original[key]!.values[i] * exp(-h[i])
                #expect(abs(written[key]!.values[i] - expected) <= 1e-15 * max(abs(expected), 1), "\(key)[\(i)]")
            }
        }
        #expect(written["fc.bias"]!.values == original["fc.bias"]!.values)
        // The written file reads back (its phi stated) and verifies exactly against the original's outputs.
        let back = try NetworkFile.read("\(dir)/b.npz")
        #expect(back.nonlinearity == .relu && back.torchRNN?.statesNonlinearity == true)
        #expect(sbal("verify", "\(dir)/b.npz").code == 0)
        #expect(sbal("verify", fixture("torch-rnn.npz"), "--rnn-nonlinearity", "relu").code == 0)
        #expect(sbal("verify", "\(dir)/b.npz", "--rnn-nonlinearity", "tanh").code == 2)
    }

    @Test("the balanced state_dict run by numpy as nn.RNN gives the original's outputs")
    func numpyRecursion() throws {
        guard PythonNumPy.isAvailable else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(sbal("balance", fixture("torch-rnn.npz"), "--rnn-nonlinearity", "relu", "--output", "\(dir)/b.npz").code == 0)
        let deviation = try PythonNumPy.run("""
        import numpy as np
        def run(path, u):
            z = np.load(path); W = {k: z[k].astype(np.float64) for k in z.files if not k.startswith("sbal_")}
            h = np.zeros(len(W["rnn.weight_hh_l0"])); ys = []
            for x in u:
                h = np.maximum(W["rnn.weight_ih_l0"] @ x + W["rnn.bias_ih_l0"] + W["rnn.weight_hh_l0"] @ h + W["rnn.bias_hh_l0"], 0)
                ys.append(W["fc.weight"] @ h + W["fc.bias"])
            return np.array(ys)
        t = np.load("\(fixture("torch-rnn-trial.npz"))")
        a, b = run("\(fixture("torch-rnn.npz"))", t["inputs"]), run("\(dir)/b.npz", t["inputs"])
        print(np.abs(a - b).max() / np.abs(a).max())
        """)
        let value = try #require(Double(deviation.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(value < 1e-14, "\(value)")
    }

    @Test("a second layer, a missing tensor or an unknown member is refused naming it")
    func refusals() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var arrays = try NumPyArchive.read(fixture("torch-rnn.npz"))
        func refusal(_ members: [String: NumPyArray]) throws -> String {
            try NumPyArchive.write(members, to: "\(dir)/x.npz")
            let run = sbal("balance", "\(dir)/x.npz", "--rnn-nonlinearity", "relu")
            #expect(run.code == 2)
            return run.error
        }
        var twoLayers = arrays
        twoLayers["rnn.weight_hh_l1"] = arrays["rnn.weight_hh_l0"]
        #expect(try refusal(twoLayers).contains("rnn.weight_hh_l1.npy: only a one-layer, unidirectional nn.RNN"))
        var noInput = arrays
        noInput["rnn.weight_ih_l0"] = nil
        #expect(try refusal(noInput).contains("rnn.weight_ih_l0"))
        arrays["optimizer.state"] = arrays["fc.bias"]
        #expect(try refusal(arrays).contains("optimizer.state.npy: unknown member of an nn.RNN state_dict"))
    }
}

/// Findings of the review of the first version: text members, two RNNs, limits, the loss's error bar.
@Suite("hostile state_dicts, sparse limits and the stratified standard error")
struct ReviewRegressionTests {
    @Test("text trial data, two RNNs, a bad sbal_log_scales and N above --max-neurons are refused, not crashed on")
    func stateDictRefusals() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let arrays = try NumPyArchive.read(fixture("torch-rnn.npz"))
        func error(_ members: [String: NumPyArray], _ extra: [String] = []) throws -> String {
            try NumPyArchive.write(members, to: "\(dir)/x.npz")
            let run = sbal(["balance", "\(dir)/x.npz", "--rnn-nonlinearity", "relu"] + extra)
            #expect(run.code == 2)
            return run.error
        }
        var text = arrays
        text["inputs"] = NumPyArray(text: "a")
        #expect(try error(text).contains("inputs.npy: expected numbers, got text"))
        var two = arrays
        two["dec.weight_hh_l0"] = arrays["rnn.weight_hh_l0"]
        #expect(try error(two).contains("more than one nn.RNN"))
        var scales = arrays
        scales["sbal_log_scales"] = try NumPyArray(shape: [7], values: Array(repeating: 0, count: 7))
        #expect(try error(scales).contains("sbal_log_scales.npy: expected 6 finite log-scales"))
        #expect(try error(arrays, ["--max-neurons", "5"]).contains("weight_hh_l0.npy: N = 6 neurons, above the limit --max-neurons 5"))
    }

    @Test("an edge list whose index implies 2e9 neurons is refused at once (--max-sparse-neurons)")
    func sparseNeuronLimit() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1\t2000000000\t1.0\n".write(toFile: "\(dir)/big.tsv", atomically: true, encoding: .utf8)
        let run = sbal("balance", "\(dir)/big.tsv")
        #expect(run.code == 2 && run.error.contains("above the limit --max-sparse-neurons 50000000"), "\(run.error)")
    }

    @Test("the standard error counts the noise only: trials of different losses without noise give 0")
    func stratifiedStandardError() {
        var noiseless = NoisyTaskLoss.Accumulator(references: [[[0]], [[0]]])
        for _ in 0..<3 { noiseless.add([[1]], trial: 0); noiseless.add([[3]], trial: 1) }
        #expect(noiseless.result.perRun == 5 && noiseless.result.standardError == 0)
        // Trial 0: MSEs 1 and 9 (s^2 = 32); trial 1: 4 and 4 (s^2 = 0): sqrt(2 * 32) / 4 = 2.
        var noisy = NoisyTaskLoss.Accumulator(references: [[[0]], [[0]]])
        noisy.add([[1]], trial: 0); noisy.add([[3]], trial: 0); noisy.add([[2]], trial: 1); noisy.add([[-2]], trial: 1)
        #expect(noisy.result.perRun == 4.5 && noisy.result.standardError == 2)
        #expect(noisy.result.ofMeanOutput == (4 + 0) / 2)
    }
}
