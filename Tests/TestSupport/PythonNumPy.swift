import Foundation

/// Runs python3 with NumPy to write or read fixture files at test time.
public enum PythonNumPy {
    /// Whether `python3 -c "import numpy"` works on this machine (checked once).
    public static let isAvailable: Bool = (try? run("import numpy")) != nil

    /// Runs a Python script; returns its standard output, throws on a non-zero exit.
    @discardableResult
    public static func run(_ script: String) throws -> String {
        let run = try runSubprocess("/usr/bin/env", ["python3", "-c", script])
        guard run.code == 0, !run.killedBySignal else { throw PythonError(message: run.error) }
        return run.output
    }

    /// A Python script that exited non-zero; `message` is its standard error.
    public struct PythonError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
