import Foundation

/// Runs python3 with NumPy to write or read fixture files at test time.
public enum PythonNumPy {
    /// Whether `python3 -c "import numpy"` works on this machine (checked once).
    public static let isAvailable: Bool = (try? run("import numpy")) != nil

    /// Runs a Python script; returns its standard output, throws on a non-zero exit.
    @discardableResult
    public static func run(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// A Python script that exited non-zero; `message` is its standard error.
    public struct PythonError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
