/// Collects everything written, for tests.
package final class CapturingConsole: Console {
    package private(set) var standardOutput = ""
    package private(set) var standardError = ""
    package init() {}
    package func out(_ line: String) { standardOutput += line + "\n" }
    package func err(_ line: String) { standardError += line + "\n" }
}
