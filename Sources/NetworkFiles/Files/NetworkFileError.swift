/// Why a network file could not be read or written. Every message names the field (with its
/// position) or the file that is wrong, e.g. `J[2][3]: expected a number or "p/q" string, got true`.
public enum NetworkFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not valid JSON; `line` and `column` are 1-based.
    case syntax(line: Int, column: Int, message: String)
    /// A required field is absent, e.g. `"J"`.
    case missingField(String)
    /// A field is present but its value is wrong; `field` includes the position, e.g. `J[2][3]`.
    case invalidField(field: String, message: String)
    /// Shapes of the fields do not fit together, e.g. `W_out has 3 columns, expected 4 (neurons)`.
    case shapeMismatch(String)
    /// A NumPy `.npy` / `.npz` file is malformed or uses a feature that is not supported.
    case invalidNumPy(file: String, message: String)
    /// The file could not be read or written (does not exist, permission, unknown extension ...).
    case io(path: String, message: String)
    /// The file is larger than an `InputLimits` bound; the message names the field and the option.
    case limitExceeded(file: String, message: String)

    public var description: String {
        switch self {
        case let .syntax(line, column, message): return "JSON syntax error at line \(line), column \(column): \(message)"
        case let .missingField(name): return "missing field \"\(name)\""
        case let .invalidField(field, message): return "\(field): \(message)"
        case let .shapeMismatch(message): return message
        case let .invalidNumPy(file, message): return "\(file): \(message)"
        case let .io(path, message): return "\(path): \(message)"
        case let .limitExceeded(file, message): return "\(file): \(message)"
        }
    }
}
