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
    /// Open dicts and tuples around the current value: bounded, so that a header of nested
    /// brackets is refused instead of overflowing the stack.
    private var depth = 0
    static let maxDepth = 16

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseValue(fail: (String) -> NetworkFileError) throws -> Value {
        skipSpace()
        guard index < scalars.count else { throw fail("header ends unexpectedly") }
        switch scalars[index] {
        case "{", "(":
            guard depth < Self.maxDepth else { throw fail("header nests dicts or tuples deeper than \(Self.maxDepth) levels") }
            depth += 1
            defer { depth -= 1 }
            return try parseContainer(fail: fail)
        default:
            return try parseScalar(fail: fail)
        }
    }

    private mutating func parseContainer(fail: (String) -> NetworkFileError) throws -> Value {
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
        default:  // "(": a tuple of integers (a shape)
            index += 1
            var items: [Int] = []
            while true {
                skipSpace()
                guard index < scalars.count else { throw fail("unterminated tuple in header") }
                if scalars[index] == ")" { index += 1; return .tuple(items) }
                let item = try parseValue(fail: fail)
                guard case let .int(n) = item else {
                    throw fail("a tuple in the header holds \(item.typeName), expected integers (a shape such as (3, 4))")
                }
                items.append(n)
                skipSpace()
                if peek(",") { index += 1 }
            }
        }
    }

    private mutating func parseScalar(fail: (String) -> NetworkFileError) throws -> Value {
        switch scalars[index] {
        case "'", "\"":
            let quote = scalars[index]
            index += 1
            var s = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != quote { s.append(scalars[index]); index += 1 }
            guard index < scalars.count else { throw fail("unterminated string in header") }
            index += 1
            return .string(String(s))
        case "[":
            // A list (structured dtype): skip to the matching bracket without recursion.
            index += 1
            var open = 1
            while index < scalars.count, open > 0 {
                if scalars[index] == "[" || scalars[index] == "(" { open += 1 }
                if scalars[index] == "]" || scalars[index] == ")" { open -= 1 }
                index += 1
            }
            guard open == 0 else { throw fail("unterminated tuple in header") }
            return .list
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
            if !text.isEmpty, text.drop(while: { $0 == "-" }).allSatisfy({ ("0"..."9").contains($0) }) {
                throw fail("the integer \(text.count > 40 ? String(text.prefix(40)) + "..." : text) in the header does not fit 64 bits")
            }
            throw fail("unexpected '\(text.isEmpty ? scalars[index].escaped(asASCII: true) : text)' in header")
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
