/// Collects everything written, for tests.
public final class CapturingConsole: Console {
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    public init() {}
    public func out(_ line: String) { standardOutput += line + "\n" }
    public func err(_ line: String) { standardError += line + "\n" }
}
