/// A failure with an explicit exit code and message.
package struct CommandFailure: Error, CustomStringConvertible {
    package var code: Int32
    package var message: String
    package init(code: Int32 = SbalExitCode.badInput, _ message: String) {
        self.code = code
        self.message = message
    }
    package var description: String { message }
}
