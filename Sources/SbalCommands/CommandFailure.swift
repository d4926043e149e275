/// A failure with an explicit exit code and message.
public struct CommandFailure: Error, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public init(code: Int32 = SbalExitCode.badInput, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}
