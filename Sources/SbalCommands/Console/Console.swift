import Foundation

/// Where a command writes: standard output for results, standard error for progress and errors.
/// Tests pass a `CapturingConsole` to read what a command printed.
package protocol Console: AnyObject {
    /// Writes a line (a newline is appended) to standard output.
    func out(_ line: String)
    /// Writes a line (a newline is appended) to standard error.
    func err(_ line: String)
}
