import Foundation
import NetworkFiles
import Testing
import TestSupport

/// Issue 15: the fuzz corpus Tests/Fixtures/fuzz-corpus (seeds, the reproducers of the issue and a few
/// hundred seeded mutants, written by make-corpus.py beside it) through `sbal balance`, `verify` and
/// `simulate`. Each file's allowed exit codes are in expectations.json: the right answer (0) for valid
/// files, 2 for files the mutation certainly breaks, any of 0 / 1 / 2 for mutants that may stay valid.
/// Exit 1 means a valid input whose checks failed (not converged, not verified, outputs differ).
/// For every run: exit 2 only with "error: <file>..." on stderr, never "nan" / "inf" in stdout, and a
/// balance --output that is complete on exit 0 and absent otherwise. The in-process runs trap (and so
/// fail the test run) on a crash; the reproducers also run through the real executable, where a
/// signal is asserted against explicitly.
@Suite("fuzz corpus: the right answer or exit 2 naming the file, never a signal or a NaN")
struct FuzzCorpusTests {
    struct Expectation: Decodable, Sendable {
        /// "ok", "refused" or "any".
        var kind: String
        /// Allowed exit codes per command (balance, verify, simulate).
        var exit: [String: [Int32]]
        /// For valid files: the optimal cost every solver in `solvers` must reach.
        var finalCost: Double?
        var solvers: [String]?
    }

    static let directory = fixture("fuzz-corpus")

    static let expectations: [String: Expectation] = {
        guard let data = FileManager.default.contents(atPath: directory + "/expectations.json"),
              let decoded = try? JSONDecoder().decode([String: Expectation].self, from: data) else { return [:] }
        return decoded
    }()

    static let files: [String] = expectations.keys.sorted()
    static let reproducers: [String] = files.filter { $0.hasPrefix("repro/") }

    static let commands = ["balance", "verify", "simulate"]

    /// The arguments of one command on `path`; balance writes `output`. simulate runs 2 trials at one
    /// noise level (the corpus checks robustness, not the statistics).
    static func arguments(_ command: String, _ path: String, output: String) -> [String] {
        switch command {
        case "balance": ["balance", path, "--quiet", "--output", output]
        case "verify": ["verify", path, "--json"]
        default: ["simulate", path, "--trials", "2", "--noise", "0.1", "--steps", "5"]
        }
    }

    /// True when `text` holds the word "nan" or "inf" (a number printed as non-finite), not as part
    /// of a word such as "infimum" or "infinity".
    static func holdsNonFinite(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !("a"..."z").contains($0) }).contains { $0 == "nan" || $0 == "inf" }
    }

    /// Checks one run against the rules; `where` names file and command in failures.
    static func check(code: Int32, output: String, error: String, command: String, path: String,
                      allowed: [Int32], outputFile: String, directory: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let label = "\(path) \(command)"
        #expect(allowed.contains(code), "\(label): exit \(code), allowed \(allowed): \(error.prefix(400))", sourceLocation: sourceLocation)
        if code == 2 {
            #expect(error.hasPrefix("error: ") && error.contains(path), "\(label): exit 2 without a message naming the file: \(error.prefix(400))",
                    sourceLocation: sourceLocation)
        }
        if code != 0 && error.contains("error: ") {
            #expect(error.contains("error: \(path)"), "\(label): an error message that does not start with the file: \(error.prefix(400))",
                    sourceLocation: sourceLocation)
        }
        #expect(!holdsNonFinite(output), "\(label): nan or inf in the output: \(output.prefix(2000))", sourceLocation: sourceLocation)
        guard command == "balance" else { return }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if code == 0 {
            #expect(left == [URL(fileURLWithPath: outputFile).lastPathComponent], "\(label): files written \(left)", sourceLocation: sourceLocation)
            #expect(throws: Never.self, "\(label): the written output does not read back", sourceLocation: sourceLocation) {
                _ = try NetworkFile.read(outputFile)
            }
        } else {
            #expect(left.isEmpty, "\(label): exit \(code) but files were left: \(left)", sourceLocation: sourceLocation)
        }
    }

    static func outputName(_ file: String) -> String { file.hasSuffix(".npz") ? "out.npz" : "out.json" }

    @Test("the manifest lists every corpus file, and the corpus is small")
    func manifest() throws {
        #expect(Self.files.count >= 300, "\(Self.files.count) files in expectations.json")
        var onDisk: [String] = []
        var bytes = 0
        for sub in ["seeds", "repro", "mutants"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.directory + "/" + sub) {
                onDisk.append(sub + "/" + name)
                bytes += (try FileManager.default.attributesOfItem(atPath: Self.directory + "/" + sub + "/" + name)[.size] as? Int) ?? 0
            }
        }
        #expect(onDisk.sorted() == Self.files)
        #expect(bytes < 1_500_000, "\(bytes) bytes")
    }

    @Test("balance, verify and simulate in-process", arguments: files)
    func inProcess(_ file: String) throws {
        let expectation = try #require(Self.expectations[file])
        let path = Self.directory + "/" + file
        for command in Self.commands {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let output = dir + "/" + Self.outputName(file)
            let run = sbal(Self.arguments(command, path, output: output))
            Self.check(code: run.code, output: run.output, error: run.error, command: command, path: path,
                       allowed: expectation.exit[command] ?? [0, 1, 2], outputFile: output, directory: dir)
        }
    }

    @Test("the reproducers through the sbal executable: no signal, exit codes as in-process", arguments: reproducers)
    func executable(_ file: String) throws {
        let expectation = try #require(Self.expectations[file])
        let binary = try #require(BinaryTests.executable, "the sbal binary was not found next to the tests")
        let path = Self.directory + "/" + file
        for command in Self.commands {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let output = dir + "/" + Self.outputName(file)
            let run = try runSubprocess(binary, Self.arguments(command, path, output: output))
            #expect(!run.killedBySignal, "\(file) \(command): killed by signal \(run.code)")
            Self.check(code: run.code, output: run.output, error: run.error,
                       command: command, path: path, allowed: expectation.exit[command] ?? [0, 1, 2], outputFile: output, directory: dir)
        }
    }

    @Test("valid wide-range files: every listed solver converges to C*", arguments: files.filter { expectations[$0]?.finalCost != nil })
    func optimalCost(_ file: String) throws {
        let expectation = try #require(Self.expectations[file])
        let path = Self.directory + "/" + file
        for solver in expectation.solvers ?? [] {
            let run = sbal("balance", path, "--solver", solver, "--json", "--quiet")
            #expect(run.code == 0, "\(file) \(solver): \(run.error)")
            let report = try #require(jsonObject(run.output), "\(file) \(solver): \(run.output)")
            let cost = try #require(report["finalCost"] as? Double, "\(file) \(solver): \(run.output)")
            let target = try #require(expectation.finalCost)
            #expect(abs(cost - target) <= 1e-9 * target, "\(file) \(solver): final cost \(cost), C* = \(target)")
            #expect(report["converged"] as? Bool == true)
        }
    }
}
