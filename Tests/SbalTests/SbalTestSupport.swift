import Foundation
import SbalCommands

/// What one in-process run of `sbal` printed and returned.
struct SbalRun {
    var code: Int32
    var output: String
    var error: String
}

/// Runs `sbal` in-process with these arguments.
func sbal(_ arguments: String...) -> SbalRun {
    sbal(arguments)
}

func sbal(_ arguments: [String]) -> SbalRun {
    let console = CapturingConsole()
    let code = SbalCommand.runMain(arguments, console: console)
    return SbalRun(code: code, output: console.standardOutput, error: console.standardError)
}

/// The repository root (two levels above this file's directory).
let repositoryRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Path of a shipped example network.
func example(_ name: String) -> String { repositoryRoot + "/Examples/" + name }

/// A fresh temporary directory.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "sbal-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Parses JSON text into a dictionary (fails the caller's expectation if it is not an object).
func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
