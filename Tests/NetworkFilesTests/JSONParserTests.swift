import Testing
@testable import NetworkFiles

@Suite("JSON parser")
struct JSONParserTests {
    @Test("numbers are kept verbatim and structures parsed")
    func parsesValues() throws {
        let v = try JSONParser.parse(#" {"a": [0.1, -2e-3, 7], "b": "x\n\u00e9\ud83d\ude00", "c": true, "d": null} "#)
        #expect(v["a"] == .array([.number("0.1"), .number("-2e-3"), .number("7")]))
        #expect(v["b"] == .string("x\né😀"))
        #expect(v["c"] == .bool(true))
        #expect(v["d"] == .null)
    }

    @Test("syntax errors name line and column", arguments: [
        ("{\n  \"a\": [1, 2,]\n}", 2, 14),
        ("{\"a\": 01}", 1, 8),
        ("[1 2]", 1, 4),
        ("{\"a\": 1, \"a\": 2}", 1, 10),
        ("[\"abc", 1, 6),
        ("[1] x", 1, 5),
    ])
    func syntaxErrors(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted invalid JSON: \(text)")
        } catch let NetworkFileError.syntax(l, c, message) {
            #expect(l == line && c == column, "\(message) at \(l):\(c)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("deep nesting is refused instead of overflowing the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: NetworkFileError.self) { try JSONParser.parse(text) }
    }
}
