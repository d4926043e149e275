import Foundation

/// The process's real standard output and standard error.
package final class StandardConsole: Console {
    package init() {}
    package func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    package func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
