/// Parses the tiny subset of Python literals that `.npy` headers use: a dict with string keys
/// whose values are strings, `True`/`False`, tuples of integers (or lists, for structured dtypes,
/// which are then refused).
struct PythonLiteralScanner {
    enum Value {
        case string(String), bool(Bool), int(Int), tuple([Int]), list, dict([(String, Value)])

        /// The kind of value, for messages ("a string", "an integer", ...).
        var typeName: String {
            switch self {
            case let .string(s): return "the string '\(s.count > 20 ? String(s.prefix(20)) + "..." : s)'"
            case let .bool(b): return b ? "True" : "False"
            case let .int(n): return "the integer \(n)"
            case .tuple: return "a tuple"
            case .list: return "a list"
            case .dict: return "a dict"
            }
        }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseValue(fail: (String) -> NetworkFileError) throws -> Value {
        skipSpace()
        guard index < scalars.count else { throw fail("header ends unexpectedly") }
        switch scalars[index] {
        case "{":
            index += 1
            var entries: [(String, Value)] = []
            while true {
                skipSpace()
                if peek("}") { index += 1; return .dict(entries) }
                guard case let .string(key) = try parseValue(fail: fail) else { throw fail("header dict key is not a string") }
                skipSpace()
                guard peek(":") else { throw fail("expected ':' in header dict") }
                index += 1
                let value = try parseValue(fail: fail)
                entries.append((key, value))
                skipSpace()
                if peek(",") { index += 1; continue }
                if peek("}") { index += 1; return .dict(entries) }
                throw fail("expected ',' or '}' in header dict")
            }
        case "'", "\"":
            let quote = scalars[index]
            index += 1
            var s = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != quote { s.append(scalars[index]); index += 1 }
            guard index < scalars.count else { throw fail("unterminated string in header") }
            index += 1
            return .string(String(s))
        case "(", "[":
            let isList = scalars[index] == "["
            let close: Unicode.Scalar = isList ? "]" : ")"
            index += 1
            var items: [Int] = []
            var depth = 0
            while true {
                skipSpace()
                guard index < scalars.count else { throw fail("unterminated tuple in header") }
                if scalars[index] == close && depth == 0 { index += 1; break }
                if isList {  // structured dtype: skip to the matching bracket
                    if scalars[index] == "[" || scalars[index] == "(" { depth += 1 }
                    if scalars[index] == "]" || scalars[index] == ")" { depth -= 1 }
                    index += 1
                    continue
                }
                guard case let .int(n) = try parseValue(fail: fail) else { throw fail("shape holds a non-integer") }
                items.append(n)
                skipSpace()
                if peek(",") { index += 1 }
            }
            return isList ? .list : .tuple(items)
        default:
            var word = String.UnicodeScalarView()
            while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) || scalars[index] == "-" || scalars[index] == "_" {
                word.append(scalars[index]); index += 1
            }
            let text = String(word)
            if text == "True" { return .bool(true) }
            if text == "False" { return .bool(false) }
            // Python 2 style long integers end in L.
            if let n = Int(text.hasSuffix("L") ? String(text.dropLast()) : text) { return .int(n) }
            throw fail("unexpected '\(text.isEmpty ? String(scalars[index]) : text)' in header")
        }
    }

    /// The text after the parsed value other than white space, or nil if there is none.
    mutating func remainder() -> String? {
        skipSpace()
        guard index < scalars.count else { return nil }
        var rest = String.UnicodeScalarView()
        var end = scalars.count
        while end > index, scalars[end - 1].properties.isWhitespace { end -= 1 }
        rest.append(contentsOf: scalars[index..<end])
        return String(rest)
    }

    private func peek(_ s: Unicode.Scalar) -> Bool { index < scalars.count && scalars[index] == s }
    private mutating func skipSpace() { while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 } }
}
