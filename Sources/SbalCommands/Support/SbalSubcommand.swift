import ArgumentParser

/// A subcommand that runs against a `Console` and returns its exit code, so that tests can run it
/// in-process and read its output.
package protocol SbalSubcommand: ParsableCommand {
    func execute(_ console: Console) throws -> Int32
    /// The file the command reads, named in a library error that does not name it itself.
    var inputFile: String? { get }
}

extension SbalSubcommand {
    package var inputFile: String? { nil }

    package mutating func run() throws {
        let code = SbalCommand.runParsed(self, console: StandardConsole())
        if code != 0 { throw ExitCode(code) }
    }
}
