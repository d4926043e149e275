import Foundation
import Testing
@testable import SbalCommands
import TestSupport

@Suite("sbal compare")
struct CompareCommandTests {
    /// A 3-neuron network file; `j` as JSON text rows of exact values.
    static func networkJSON(j: String, wIn: String, wOut: String, b: String) -> String {
        """
        {"format": "synaptic-balancing-network", "version": 1, "nonlinearity": {"kind": "relu"}, "tau": 1, "dt": "1/10",
         "J": \(j), "W_in": \(wIn), "W_out": \(wOut), "b": \(b), "inputs": [[1], [1], [0], [1]], "initial_state": [1, "1/2", 1]}
        """
    }

    /// A and B = T_d(A) for d = (1, 2, 1/3), with B's J[2,1] given.
    static func files(bJ21: String = "9", bJ12: String = "\"-1/24\"") throws -> (String, String, String) {
        let dir = try temporaryDirectory()
        let a = networkJSON(j: #"[["1/2", "-3/4", "1/8"], [2, 0, "-1/4"], ["5/8", "3/2", "-1/2"]]"#,
                            wIn: #"[[1], ["-1/2"], ["3/4"]]"#, wOut: #"[["1/2", 1, "-1/4"]]"#, b: #"["1/8", 0, "-1/16"]"#)
        // J_B[i,j] = J_A[i,j] d_j / d_i, W_in_B = W_in_A / d_i, W_out_B = W_out_A d_j, b_B = b_A / d_i
        let b = networkJSON(j: "[[\"1/2\", \"-3/2\", \"1/24\"], [1, 0, \(bJ12)], [\"15/8\", \(bJ21), \"-1/2\"]]",
                            wIn: #"[[1], ["-1/4"], ["9/4"]]"#, wOut: #"[["1/2", 2, "-1/12"]]"#, b: #"["1/8", 0, "-3/16"]"#)
        try a.write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try b.write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        return (dir, dir + "/a.json", dir + "/b.json")
    }

    @Test("an exact transform by d = (1, 2, 1/3): exit 0, d recovered")
    func exactTransform() throws {
        let (_, a, b) = try Self.files()
        let run = sbal("compare", a, b)
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("d (exact)  (1, 2, 1/3)"))
        #expect(run.output.contains("result     verified"))
        let json = try #require(jsonObject(sbal("compare", a, b, "--json").output))
        #expect(json["outcome"] as? String == "verified")
        #expect(json["scales"] as? [String] == ["1", "2", "1/3"])
        #expect(json["maximumOutputDifference"] as? Double == 0)
    }

    @Test("one entry changed by 1e-12 relative: exit 1, the entry named with both values")
    func perturbed() throws {
        let (_, a, b) = try Self.files(bJ21: "\"9000000000009/1000000000000\"")
        let run = sbal("compare", a, b)
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("first failure  J[2,1]: A = 3/2, B = 9000000000009/1000000000000, D^-1 A D gives 9"))
        #expect(run.output.contains("NOT a transform"))
        let json = try #require(jsonObject(sbal("compare", a, b, "--json").output))
        let fit = try #require(json["fit"] as? [String: Any])
        let deviation = try #require(fit["recurrentDeviation"] as? Double)
        #expect(deviation > 1e-13 && deviation < 1e-11)
    }

    @Test("a sign flip is a hard failure: exit 1, named")
    func signFlip() throws {
        let (_, a, b) = try Self.files(bJ12: "\"1/24\"")
        let run = sbal("compare", a, b)
        #expect(run.code == 1)
        #expect(run.output.contains("first failure  J[1,2]: A = -1/4, B = 1/24"))
        #expect(run.output.contains("sign differs"))
        #expect(run.output.contains("hard failure"))
        #expect(jsonObject(sbal("compare", a, b, "--json").output)?["outcome"] as? String == "hard_failure")
    }

    @Test("a network balanced in numpy: exit 1, deviations at rounding level, the best d reported")
    func numpyBalanced() throws {
        let a = repositoryRoot + "/Tests/Fixtures/numpy-original.npz", b = repositoryRoot + "/Tests/Fixtures/numpy-balanced.npz"
        let run = sbal("compare", a, b)
        #expect(run.code == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("best d (least squares on log|.|)"))
        let json = try #require(jsonObject(sbal("compare", a, b, "--json").output))
        #expect(json["outcome"] as? String == "not_on_orbit")
        let fit = try #require(json["fit"] as? [String: Any])
        for key in ["recurrentDeviation", "inputDeviation", "outputDeviation", "biasDeviation"] {
            let value = try #require(fit[key] as? Double)
            #expect(value < 1e-12, "\(key) = \(value)")
        }
        // the scales numpy used (printed by Tests/Fixtures/make-numpy-balanced.py), as h = log d
        let h = try #require(fit["logScales"] as? [Double])
        let d = [0.69759285, 1.00094121, 0.91125617, 1.08119631, 1.02709857]
        for (x, y) in zip(h, d) { #expect(abs(x - log(y)) < 1e-7) }
        let difference = try #require(json["maximumOutputDifference"] as? Double)
        #expect(difference < 1e-12)
        let imbalance = try #require(json["bRelativeImbalance"] as? Double)
        #expect(imbalance < 1e-12 && json["bIsBalanced"] as? Bool == false)
    }

    @Test("--write-certificate: verify re-checks it; an edited entry of B is refused; none for a failed comparison")
    func certificate() throws {
        let (dir, a, b) = try Self.files()
        let run = sbal("compare", a, b, "--write-certificate", dir + "/orbit.json")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("certificate written to"))
        let recheck = sbal("verify", dir + "/orbit.json")
        #expect(recheck.code == 0, "\(recheck.output)\(recheck.error)")
        let text = try String(contentsOfFile: dir + "/orbit.json", encoding: .utf8)
        #expect(text.contains("\"orbit_comparison\""))
        // B's W_out[0,1] = 2 in the claimed transformed network: make it 3
        var tree = try #require(jsonObject(text))
        var claims = try #require(tree["claims"] as? [[String: Any]])
        var parameters = try #require(claims[0]["parameters"] as? [String: Any])
        var transformed = try #require(parameters["transformedNetwork"] as? [String: Any])
        var output = try #require(transformed["outputWeights"] as? [String: Any])
        var values = try #require(output["values"] as? [[String]])
        #expect(values[0][1] == "2")
        values[0][1] = "3"
        output["values"] = values
        transformed["outputWeights"] = output
        parameters["transformedNetwork"] = transformed
        claims[0]["parameters"] = parameters
        tree["claims"] = claims
        try JSONSerialization.data(withJSONObject: tree).write(to: URL(fileURLWithPath: dir + "/edited.json"))
        let edited = sbal("verify", dir + "/edited.json")
        #expect(edited.code == 1, "\(edited.output)\(edited.error)")
        let (_, a2, b2) = try Self.files(bJ21: "\"9000000000009/1000000000000\"")
        let failed = sbal("compare", a2, b2, "--write-certificate", dir + "/none.json")
        #expect(failed.code == 1)
        #expect(failed.error.contains("no certificate written"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.json"))
    }

    @Test("bad input: exit 2 naming the file or the matrix and shapes")
    func badInput() throws {
        let (dir, a, _) = try Self.files()
        let missing = sbal("compare", a, dir + "/missing.json")
        #expect(missing.code == 2)
        #expect(missing.error.contains("missing.json"))
        let shape = sbal("compare", a, example("two-neuron.json"))
        #expect(shape.code == 2)
        #expect(shape.error.contains("J is 3 x 3 in A but 2 x 2 in B"), "\(shape.error)")
        try "{\"J\": [[1, \"x\"]]}".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let bad = sbal("compare", a, dir + "/bad.json")
        #expect(bad.code == 2)
        #expect(bad.error.contains("bad.json"))
    }
}
