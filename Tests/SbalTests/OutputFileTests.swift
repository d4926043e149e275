import Foundation
import NetworkFiles
import Testing
@testable import SbalCommands
import TestSupport

/// Issue 15 item 6: outputs replace files atomically, keep their mode, write through symlinks, and
/// an unconverged run writes --output only with --output-unconverged.
@Suite("output files")
struct OutputFileTests {
    func mode(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int)
    }

    func leftovers(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
    }

    @Test("replacing an existing 0600 output keeps mode 0600")
    func keepsMode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/b.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        let run = sbal("balance", example("two-neuron.json"), "--output", path, "--report", path + ".report.json", "--quiet")
        #expect(run.code == 0, "\(run.error)")
        #expect(try mode(path) == 0o600)
        #expect(try NetworkFile.read(path).neuronCount == 2)
        #expect(try leftovers(dir).isEmpty)
    }

    @Test("a hard-linked output is rewritten in place: every link sees the new network, same inode and mode")
    func throughHardLink() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/b.json", other = "\(dir)/other-name.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        #expect(link(path, other) == 0)
        var before = stat()
        stat(path, &before)
        let run = sbal("balance", example("two-neuron.json"), "--output", path, "--quiet")
        #expect(run.code == 0, "\(run.error)")
        var after = stat()
        stat(path, &after)
        #expect(after.st_ino == before.st_ino && after.st_nlink == 2)
        #expect(try NetworkFile.read(other).neuronCount == 2)
        #expect(try String(contentsOfFile: other, encoding: .utf8) == String(contentsOfFile: path, encoding: .utf8))
        #expect(try mode(path) == 0o600)
        #expect(try leftovers(dir).isEmpty)
    }

    @Test("an unwritable output fails at once, before any work, naming the option (issue 12 item 6)",
          arguments: [["balance", "NET", "--output", "BAD"], ["balance", "NET", "--report", "BAD"], ["balance", "NET", "--svg", "BAD"],
                      ["simulate", "NET", "--svg", "BAD"], ["verify", "NET", "--write-certificate", "BAD"],
                      ["audit", "NET", "--write-certificate", "BAD"], ["compare", "NET", "NET", "--write-certificate", "BAD"],
                      ["train", "--neurons", "8", "--iterations", "100000", "--output", "BAD"], ["fig5", "--svg", "BAD"]])
    func unwritableOutputFailsFirst(arguments: [String]) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let option = arguments[arguments.firstIndex(of: "BAD")! - 1]
        for (bad, reason) in [("\(dir)/missing/out.json", "does not exist"), (dir, "is a directory")] {
            let run = sbal(arguments.map { $0 == "NET" ? example("two-neuron.json") : $0 == "BAD" ? bad : $0 })
            #expect(run.code == 2, "\(arguments[0]) \(option): \(run.error)")
            // (balance and train refuse a directory earlier, by its extension: "--output must end in .json or .npz")
            #expect(run.error.contains(option) && run.error.contains(bad) && (run.error.contains(reason) || run.error.contains("must end in")), "\(run.error)")
            // Nothing ran: no progress lines, no report.
            #expect(run.output.isEmpty && !run.error.contains("iteration"), "\(run.output) \(run.error)")
        }
    }

    @Test("a symlinked output rewrites the target and keeps the link")
    func throughSymlink() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/real", withIntermediateDirectories: true)
        let target = "\(dir)/real/b.json"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o640)
        let link = "\(dir)/link.json"
        #expect(symlink("real/b.json", link) == 0)
        let run = sbal("balance", example("two-neuron.json"), "--output", link, "--quiet")
        #expect(run.code == 0, "\(run.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/b.json")
        #expect(try NetworkFile.read(target).neuronCount == 2)
        #expect(try mode(target) == 0o640)
        #expect(try leftovers(dir).isEmpty && leftovers("\(dir)/real").isEmpty)
    }

    @Test("a failed write leaves no temporary file and the old file intact")
    func failedWrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A directory where the file should be: the rename fails after the temporary file is written.
        try FileManager.default.createDirectory(atPath: "\(dir)/b.json/x", withIntermediateDirectories: true)
        #expect(throws: NetworkFileError.self) { try AtomicFile.write(text: "new", to: "\(dir)/b.json") }
        #expect(try leftovers(dir).isEmpty)
        // A symbolic-link loop is refused before anything is written.
        let path = "\(dir)/keep.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let link = "\(dir)/loop.json"
        #expect(symlink(link, link) == 0)
        #expect(throws: NetworkFileError.self) { try AtomicFile.write(text: "new", to: link) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try leftovers(dir).isEmpty)
    }

    @Test("an unconverged run writes --output only with --output-unconverged")
    func unconverged() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/b.json"
        let arguments = ["balance", example("reciprocal-pair.json"), "--solver", "euler", "--step", "0.001", "--max-iterations", "3",
                         "--quiet", "--output", path]
        let run = sbal(arguments + ["--json"])
        #expect(run.code == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(run.error.contains("\(path) not written: the run did not converge"), "\(run.error)")
        #expect(jsonObject(run.output)?["output"] == nil)
        let forced = sbal(arguments + ["--output-unconverged"])
        #expect(forced.code == 1)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(forced.output.contains("written        \(path)"))
    }

    @Test("under a file-size limit (ulimit -f) the write fails with exit 2 and no temporary file is left")
    func fileSizeLimit() throws {
        let binary = try #require(BinaryTests.executable, "the sbal binary was not found next to the tests")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/b.npz"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f 8 && exec \"$0\" balance \"$1\" --output \"$2\" --quiet", binary, example("random64.npz"), path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(process.terminationStatus) \(e)")
        #expect(e.contains("write failed"), "\(e)")
        #expect(try leftovers(dir).isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }
}
