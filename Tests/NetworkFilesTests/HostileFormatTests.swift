import Testing
@testable import NetworkFiles

/// Issue 15 items 2 and 7: junk after an .npy header, invalid UTF-8 in JSON, messages that say what is wrong.
@Suite("hostile .npy headers and JSON text")
struct HostileFormatTests {
    static func npyMessage(_ header: String) -> String? {
        do {
            _ = try NumPyFormat.decode(NumPyFormatTests.npy(header: header, data: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]), name: "x.npy")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("junk after the header dict is refused, naming the junk")
    func junkAfterHeader() {
        #expect(Self.npyMessage("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }") == nil)
        let message = Self.npyMessage("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } junk")
        #expect(message?.contains("x.npy: junk after the header dict: 'junk'") == true, "\(message ?? "accepted")")
    }

    @Test("a header that is not a dict, nests too deep, or holds a huge integer or a control character is named", arguments: [
        ("('<f8', False, (1,))", "x.npy: header is not a Python dict: ('<f8', False, (1,))"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': " + String(repeating: "(", count: 5000) + String(repeating: ")", count: 5000) + ", }",
         "x.npy: header nests dicts or tuples deeper than 16 levels"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }", "the integer 99999999999999999999999 in the header does not fit 64 bits"),
        ("{'descr': '<f8',\u{0} 'fortran_order': False, 'shape': (1,), }", "unexpected '\\0' in header"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': ('1',), }", "a tuple in the header holds the string '1', expected integers"),
    ])
    func malformedHeader(header: String, mention: String) {
        let message = Self.npyMessage(header)
        #expect(message?.contains(mention) == true, "\(message ?? "accepted")")
    }

    @Test("a header entry of the wrong type says that the type is wrong", arguments: [
        ("{'descr': '<f8', 'fortran_order': 'no', 'shape': (1,), }", "'fortran_order' has the wrong type: expected True or False, got the string 'no'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': 1, }", "'shape' has the wrong type"),
        ("{'descr': 8, 'fortran_order': False, 'shape': (1,), }", "'descr' has the wrong type"),
    ])
    func wrongType(header: String, mention: String) {
        let message = Self.npyMessage(header)
        #expect(message?.contains(mention) == true, "\(message ?? "accepted")")
        #expect(message?.contains("unexpected header entry") != true)
    }

    @Test("invalid UTF-8 in a JSON string is refused with its byte offset", arguments: [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) {
        let bytes = Array(#"{"J":[[0]],"description":"ab"#.utf8) + sequence + Array(#""}"#.utf8)
        do {
            _ = try NetworkDocument(jsonBytes: bytes)
            Issue.record("accepted \(sequence)")
        } catch {
            #expect("\(error)".contains("invalid UTF-8 in string at byte offset 28"), "\(error)")
        }
    }

    @Test("valid multi-byte UTF-8 in a JSON string is kept")
    func validUTF8() throws {
        let document = try NetworkDocument(jsonBytes: Array(#"{"J":[[0]],"description":"é € 𝄞"}"#.utf8))
        #expect(document.description == "é € 𝄞")
    }

    @Test("a library error name reads as words")
    func readableName() {
        enum Library: Error { case invalidCompressionMethod }
        #expect(NumPyArchive.readableName(of: Library.invalidCompressionMethod) == "invalid compression method")
    }
}
