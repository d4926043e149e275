import Foundation

/// The process's real standard output and standard error.
public final class StandardConsole: Console {
    public init() {}
    public func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    public func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
