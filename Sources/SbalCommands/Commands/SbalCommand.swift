import ArgumentParser
import Foundation
import SynapticBalancing

/// `sbal`: synaptic balancing of recurrent networks from the command line.
package struct SbalCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "sbal",
        abstract: "Synaptic balancing of recurrent networks: balance, verify exactly, simulate, audit, train.",
        discussion: """
        Network files are JSON (numbers or "p/q" strings, read exactly) or NumPy .npz archives.
        Exit codes: 0 ok / verified, 1 a check failed, 2 bad input.
        """,
        subcommands: [BalanceCommand.self, VerifyCommand.self, SimulateCommand.self, AuditCommand.self, Fig5Command.self,
                      CompareCommand.self, TrainCommand.self, Fig4Command.self]
    )

    package init() {}

    /// Parses `arguments` (without the program name), runs the command and returns the exit code.
    /// Usage errors and bad files give exit code 2 with a message on standard error.
    package static func runMain(_ arguments: [String], console: Console) -> Int32 {
        let command: ParsableCommand
        do {
            command = try SbalCommand.parseAsRoot(arguments)
        } catch {
            return report(error, console: console)
        }
        if let sub = command as? SbalSubcommand {
            return runParsed(sub, console: console)
        }
        if command is SbalCommand {
            // The root command alone: print help.
            console.out(SbalCommand.helpMessage())
            return SbalExitCode.ok
        }
        // ArgumentParser's built-in commands (help for a subcommand): they report by throwing.
        do {
            var builtIn = command
            try builtIn.run()
            return SbalExitCode.ok
        } catch {
            return report(error, console: console)
        }
    }

    /// Runs a parsed subcommand, mapping thrown errors to exit codes.
    package static func runParsed(_ command: SbalSubcommand, console: Console) -> Int32 {
        do {
            return try command.execute(console)
        } catch {
            // A library error (a solver's, a parser's) that does not name the input file gets it as a prefix.
            if let file = command.inputFile, !(error is CommandFailure), !(error is ExitCode), !"\(error)".contains(file) {
                return report(error, console: console, file: file)
            }
            return report(error, console: console)
        }
    }

    static func report(_ error: Error, console: Console, file: String? = nil) -> Int32 {
        let prefix = file.map { "error: \($0): " } ?? "error: "
        if let exit = error as? ExitCode { return exit.rawValue }
        if let failure = error as? CommandFailure {
            console.err("error: \(failure.message)")
            return failure.code
        }
        let code = SbalCommand.exitCode(for: error)
        let message = SbalCommand.fullMessage(for: error)
        if code == .success {
            console.out(message)
            return SbalExitCode.ok
        }
        if code == .validationFailure || ArgumentParserErrorCheck.isParserError(error) {
            console.err(message)
            return SbalExitCode.badInput
        }
        // A solver that diverged (a step beyond the stability limit, an overflowing cost) did not
        // converge: a failed run, not bad input.
        if case .didNotConverge? = error as? BalancingError {
            console.err("\(prefix)\(error)")
            return SbalExitCode.checkFailed
        }
        // Errors from the libraries (bad files, invalid networks) are bad input.
        console.err("\(prefix)\(error)")
        return SbalExitCode.badInput
    }
}
