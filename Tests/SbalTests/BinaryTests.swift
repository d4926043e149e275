import Foundation
import Testing
import TestSupport

/// Runs the built `sbal` executable (the test target depends on it, so it sits next to the test bundle).
@Suite("the sbal executable")
struct BinaryTests {
    static var executable: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("sbal").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func run(_ arguments: [String]) throws -> (code: Int32, output: String, error: String) {
        let run = try runSubprocess(try #require(executable, "the sbal binary was not found next to the tests"), arguments)
        return (run.code, run.output, run.error)
    }

    @Test("exit codes of the real process: 0 ok, 1 check failed, 2 bad input")
    func exitCodes() throws {
        let help = try Self.run(["--help"])
        #expect(help.code == 0 && help.output.contains("balance"))
        let ok = try Self.run(["balance", example("reciprocal-pair.json"), "--quiet"])
        #expect(ok.code == 0, "\(ok.error)")
        #expect(ok.output.contains("converged"))
        let failed = try Self.run(["balance", example("reciprocal-pair.json"), "--solver", "euler", "--step", "0.001", "--max-iterations", "2", "--quiet"])
        #expect(failed.code == 1)
        let bad = try Self.run(["balance", "/nonexistent.json"])
        #expect(bad.code == 2 && bad.error.contains("/nonexistent.json"))
        let badOption = try Self.run(["balance", example("reciprocal-pair.json"), "--form", "xyz"])
        #expect(badOption.code == 2)
    }
}
