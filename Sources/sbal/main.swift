import Foundation
import SbalCommands

// Runs the root command; exit codes: 0 ok / verified, 1 a check failed, 2 bad input.
exit(SbalCommand.runMain(Array(CommandLine.arguments.dropFirst()), console: StandardConsole()))
