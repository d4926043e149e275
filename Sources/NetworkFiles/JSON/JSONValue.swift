/// A parsed JSON value that keeps number literals as their exact source text.
///
/// Foundation's `JSONSerialization` turns `0.1` into the nearest `Double`; network files promise
/// that exact inputs stay exact, so numbers are kept verbatim (`.number("0.1")`) and converted to an
/// exact rational or a `Double` only by the reader that knows what the field means.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number literal exactly as written, e.g. `"-1.5e-3"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order (duplicate keys are rejected by the parser).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member named `key` of an object, or nil (also nil when `self` is not an object).
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short description of the value's kind and content for error messages, e.g. `true`,
    /// `an object`, `"abc"`.
    public var briefDescription: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(text): return text
        case let .string(s):
            let shown = s.count > 24 ? String(s.prefix(24)) + "..." : s
            return "\"\(shown)\""
        case let .array(a): return "an array of \(a.count) element\(a.count == 1 ? "" : "s")"
        case .object: return "an object"
        }
    }
}
