import Foundation
import NetworkFiles
import Testing
import TestSupport

/// Issue 15: every input limit refuses a file just above it (exit 2, naming the option), and
/// raising the option reads the same file.
@Suite("input limits: named, overridable, exit 2")
struct InputLimitTests {
    static let network = #"{"J":[[0,1,0],[0,0,2],[3,0,0]],"W_in":[[1],[1],[1]],"W_out":[[1,1,1]],"inputs":[[1],[1],[1],[1],[1]]}"#

    func file(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A certificate from proofs/certificates, changed by `edit`, written to `dir`.
    func certificate(_ name: String, in dir: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let source = repositoryRoot + "/proofs/certificates/\(name)"
        var root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source))) as! [String: Any]
        edit(&root)
        let path = "\(dir)/\(name)"
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("--max-neurons: N = 3 is refused at 2 by every file-reading command and read at 3")
    func neurons() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try file(Self.network, "net.json", in: dir)
        for command in [["balance", path, "--quiet"], ["simulate", path], ["verify", path], ["audit", path], ["compare", path, path]] {
            let refused = sbal(command + ["--max-neurons", "2"])
            #expect(refused.code == 2, "\(command[0]): \(refused.error)")
            #expect(refused.error.contains("N = 3 neurons, above the limit --max-neurons 2"), "\(command[0]): \(refused.error)")
            let read = sbal(command + ["--max-neurons", "3"])
            #expect(read.code != 2, "\(command[0]): \(read.error)")
        }
    }

    @Test("--max-neurons applies to certificates: ring12 is refused at 2, verified by default")
    func certificateNeurons() {
        let ring = repositoryRoot + "/proofs/certificates/ring12.json"
        let refused = sbal("verify", ring, "--max-neurons", "2")
        #expect(refused.code == 2)
        #expect(refused.error.contains("network.recurrentWeights: N = 12 neurons, above the limit --max-neurons 2"), "\(refused.error)")
        #expect(sbal("verify", ring).code == 0)
    }

    @Test("--max-uncompressed-bytes: an .npz above it is refused naming the member, read when raised")
    func uncompressedBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/net.npz"
        try NumPyArchive.write(["J": NumPyArray(shape: [2, 2], values: [0, 1, 2, 0])], to: path)
        let refused = sbal("balance", path, "--quiet", "--max-uncompressed-bytes", "100")
        #expect(refused.code == 2)
        #expect(refused.error.contains("J.npy: uncompressed size") && refused.error.contains("above the limit --max-uncompressed-bytes 100"), "\(refused.error)")
        #expect(sbal("balance", path, "--quiet", "--max-uncompressed-bytes", "1000").code == 0)
    }

    @Test("--max-trial-steps: a network's 5-step trial is refused at 4, read at 5")
    func networkTrialSteps() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try file(Self.network, "net.json", in: dir)
        for command in [["balance", path, "--quiet"], ["simulate", path]] {
            let refused = sbal(command + ["--max-trial-steps", "4"])
            #expect(refused.code == 2)
            #expect(refused.error.contains("inputs: 5 time steps, above the limit --max-trial-steps 4"), "\(refused.error)")
            #expect(sbal(command + ["--max-trial-steps", "5"]).code == 0)
        }
    }

    @Test("--max-trial-steps: a certificate's 30-step trial is refused at 29, verified at 30")
    func certificateTrialSteps() {
        let ring = repositoryRoot + "/proofs/certificates/two-neuron.json"
        let refused = sbal("verify", ring, "--max-trial-steps", "29")
        #expect(refused.code == 2)
        #expect(refused.error.contains("claims[0].parameters.inputs: 30 time steps, above the limit --max-trial-steps 29"), "\(refused.error)")
        #expect(sbal("verify", ring, "--max-trial-steps", "30").code == 0)
    }

    @Test("--max-claims: 68 repeated claims are refused by default; 8 claims are read with --max-claims 8")
    func claims() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func repeated(_ times: Int) throws -> String {
            try certificate("two-neuron.json", in: dir) { root in
                root["claims"] = Array(repeating: root["claims"] as! [Any], count: times).flatMap { $0 }
                root["reports"] = Array(repeating: root["reports"] as! [Any], count: times).flatMap { $0 }
            }
        }
        let many = sbal("verify", try repeated(17))
        #expect(many.code == 2)
        #expect(many.error.contains("claims: 68 claims, above the limit --max-claims 64"), "\(many.error)")
        let eight = try repeated(2)
        let refused = sbal("verify", eight, "--max-claims", "7")
        #expect(refused.code == 2 && refused.error.contains("--max-claims 7"), "\(refused.error)")
        let read = sbal("verify", eight, "--max-claims", "8")
        // Read and rechecked (a repeated claim list is not a reproducible certificate: exit 1).
        #expect(read.code == 1 && read.output.contains("must make exactly the claims"), "\(read.output) \(read.error)")
    }

    @Test("--max-digits: a 10^6-digit rational is refused at once; a 78-character one passes at 78")
    func digits() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let huge = try certificate("two-neuron.json", in: dir) { root in
            var network = root["network"] as! [String: Any]
            var j = network["recurrentWeights"] as! [String: Any]
            j["values"] = [["0", "1" + String(repeating: "0", count: 1_000_000) + "/3"], ["2", "0"]]
            network["recurrentWeights"] = j
            root["network"] = network
        }
        let refused = sbal("verify", huge)
        #expect(refused.code == 2)
        #expect(refused.error.contains("network.recurrentWeights.values[0][1]: a number of 1000003 characters, above the limit --max-digits 100000"), "\(refused.error)")
        #expect(refused.output.isEmpty && refused.error.count < 1000)
        let small = repositoryRoot + "/proofs/certificates/two-neuron.json"
        let tight = sbal("verify", small, "--max-digits", "77")
        #expect(tight.code == 2 && tight.error.contains("a number of 78 characters, above the limit --max-digits 77"), "\(tight.error)")
        #expect(sbal("verify", small, "--max-digits", "78").code == 0)
    }

    @Test("--max-digits counts a decimal exponent: 1e-1000000 in a network file is refused at once by balance and verify")
    func exponentDigits() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try file(#"{"J":[[0,1e-1000000],[1,0]]}"#, "tiny.json", in: dir)
        for command in ["balance", "verify"] {
            let refused = sbal(command, path)
            #expect(refused.code == 2, "\(command): \(refused.error)")
            #expect(refused.error.contains("J[0][1]: the number 1e-1000000 of 1000010 digits written out, above the limit --max-digits 100000"), "\(refused.error)")
        }
        // A description that looks like a number is free text, not a number of 10^9 digits.
        let described = try file(#"{"description": "1e9", "J": [[0, 1], [1, 0]]}"#, "described.json", in: dir)
        #expect(sbal("balance", described, "--quiet").code == 0)
        // A weight of 1e-170 (the range users have) is far below the limit, and so is text that merely contains an "e".
        let small = try file(#"{"J":[[0,1e-170],[1e170,0]]}"#, "small.json", in: dir)
        #expect(sbal("balance", small, "--quiet").code == 0)
        #expect(sbal("verify", small, "--max-digits", "1000").code != 2)
    }

    @Test("--max-uncompressed-bytes also bounds a JSON file's size before it is read or parsed")
    func jsonFileSize() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try file(Self.network, "net.json", in: dir)
        let size = Self.network.utf8.count
        for command in ["balance", "verify", "simulate"] {
            let refused = sbal(command, path, "--max-uncompressed-bytes", String(size - 1))
            #expect(refused.code == 2 && refused.error.contains("a file of \(size) bytes, above the limit --max-uncompressed-bytes \(size - 1)"), "\(command): \(refused.error)")
            #expect(sbal(command, path, "--max-uncompressed-bytes", String(size)).code != 2, "\(command)")
        }
        let certificate = repositoryRoot + "/proofs/certificates/two-neuron.json"
        let refused = sbal("verify", certificate, "--max-uncompressed-bytes", "1000")
        #expect(refused.code == 2 && refused.error.contains("above the limit --max-uncompressed-bytes 1000"), "\(refused.error)")
    }

    @Test("--max-trial-steps bounds a float-path audit's points and its exact integration steps")
    func auditClaimSteps() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let audit = repositoryRoot + "/proofs/certificates/reciprocal-pair-euler-audit.json"
        let points = sbal("verify", audit, "--max-trial-steps", "20")
        #expect(points.code == 2 && points.error.contains("claims[0].parameters.path: 21 path points, above the limit --max-trial-steps 20"), "\(points.error)")
        let steps = try certificate("reciprocal-pair-euler-audit.json", in: dir) { root in
            var claims = root["claims"] as! [[String: Any]]
            var parameters = claims[0]["parameters"] as! [String: Any]
            var scheme = parameters["schemeComparison"] as! [String: Any]
            scheme["steps"] = 200_000
            parameters["schemeComparison"] = scheme
            claims[0]["parameters"] = parameters
            root["claims"] = claims
        }
        let refused = sbal("verify", steps)
        #expect(refused.code == 2 && refused.error.contains("claims[0].parameters.schemeComparison.steps: 200000 integration steps, above the limit --max-trial-steps 100000"), "\(refused.error)")
        #expect(sbal("verify", audit, "--max-trial-steps", "21").code == 0)
    }
}
