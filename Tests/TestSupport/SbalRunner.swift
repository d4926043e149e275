import SbalCommands

/// What one in-process run of `sbal` printed and returned.
public struct SbalRun: Sendable {
    /// The exit code (0 verified / converged, 1 not, 2 bad input).
    public var code: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var error: String
}

/// Runs `sbal` in-process with these arguments.
public func sbal(_ arguments: String...) -> SbalRun {
    sbal(arguments)
}

/// Runs `sbal` in-process with these arguments.
public func sbal(_ arguments: [String]) -> SbalRun {
    let console = CapturingConsole()
    let code = SbalCommand.runMain(arguments, console: console)
    return SbalRun(code: code, output: console.standardOutput, error: console.standardError)
}
