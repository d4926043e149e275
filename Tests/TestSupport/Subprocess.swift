import Foundation

/// What a child process printed and how it ended.
public struct SubprocessRun: Sendable {
    /// The exit status, or the signal number when `killedBySignal`.
    public var code: Int32
    /// Whether the process was terminated by a signal (a crash: SIGILL, SIGSEGV, SIGABRT, ...).
    public var killedBySignal: Bool
    public var output: String
    public var error: String
}

/// Runs an executable with arguments to completion, capturing standard output and error.
public func runSubprocess(_ executable: String, _ arguments: [String]) throws -> SubprocessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return SubprocessRun(code: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                         output: String(decoding: o, as: UTF8.self), error: String(decoding: e, as: UTF8.self))
}
