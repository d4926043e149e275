import Foundation
import Testing
@testable import NetworkFiles
import TestSupport

@Suite("NumPy .npy and .npz files")
struct NumPyFormatTests {
    @Test("npy round trip for every element type, order and version", arguments: [1, 2, 3])
    func roundTrip(version: Int) throws {
        let values: [Double] = [1, -2, 3.5, 0, 7, -0.25]
        for type in [NumPyArray.ElementType.float64, .float32, .int64, .int32] {
            let usable = (type == .int64 || type == .int32) ? values.map { $0.rounded(.down) } : values
            for fortran in [false, true] {
                let a = try NumPyArray(shape: [2, 3], values: usable, elementType: type)
                let bytes = try NumPyFormat.encode(a, version: version, fortranOrder: fortran)
                #expect(bytes[6] == UInt8(version))
                let headerEnd = version == 1 ? 10 + Int(bytes[8]) + Int(bytes[9]) << 8 : 12 + Int(bytes[8]) + Int(bytes[9]) << 8
                #expect(headerEnd % 64 == 0)
                let b = try NumPyFormat.decode(bytes)
                #expect(b == a)
            }
        }
        let scalar = NumPyArray(scalar: 0.1)
        #expect(try NumPyFormat.decode(NumPyFormat.encode(scalar, version: version)) == scalar)
        let vector = try NumPyArray(shape: [4], values: [1, 2, 3, 4])
        #expect(try NumPyFormat.decode(NumPyFormat.encode(vector, version: version)) == vector)
        let text = NumPyArray(text: "leaky_relu")
        #expect(try NumPyFormat.decode(NumPyFormat.encode(text, version: version)) == text)
    }

    @Test("Fortran order places elements column by column")
    func fortranLayout() throws {
        let a = try NumPyArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6], elementType: .int32)
        let bytes = try NumPyFormat.encode(a, fortranOrder: true)
        let data = Array(bytes[(bytes.count - 24)...])
        let ints = stride(from: 0, to: 24, by: 4).map { Int(data[$0]) }
        #expect(ints == [1, 4, 2, 5, 3, 6])
    }

    @Test("malformed .npy files are refused with a reason")
    func malformed() throws {
        #expect(throws: NetworkFileError.self) { try NumPyFormat.decode([1, 2, 3]) }
        var bytes = try NumPyFormat.encode(try NumPyArray(shape: [3], values: [1, 2, 3]))
        bytes.removeLast()
        do {
            _ = try NumPyFormat.decode(bytes, name: "x.npy")
            Issue.record("truncated data was accepted")
        } catch let error as NetworkFileError {
            #expect(error.description.contains("expected 24"), "\(error)")
        }
        let headerText = Array("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n".utf8)
        let bigEndian = Array("\u{93}NUMPY".unicodeScalars.map { UInt8($0.value) }) + [1, 0, UInt8(headerText.count), 0]
            + headerText + [UInt8](repeating: 0, count: 8)
        do {
            _ = try NumPyFormat.decode(bigEndian, name: "be.npy")
            Issue.record("big-endian data was accepted")
        } catch let error as NetworkFileError {
            #expect(error.description.contains("big-endian"), "\(error)")
        }
        let huge = try NumPyArray(shape: [1], values: [Double(1 << 53) + 0], elementType: .float64)
        #expect(try NumPyFormat.decode(NumPyFormat.encode(huge)).values == [9007199254740992])
    }

    /// A version 1.0 `.npy` file with this header text and data.
    static func npy(header: String, data: [UInt8] = []) -> [UInt8] {
        var text = Array(header.utf8)
        text += [UInt8](repeating: 0x20, count: (64 - (10 + text.count + 1) % 64) % 64) + [0x0A]
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text + data
    }

    @Test("headers whose sizes overflow or describe unbounded empty text are refused, not a crash or a hang", arguments: [
        ("{'descr': '<U4611686018427387904', 'fortran_order': False, 'shape': (), }", "<U4611686018427387904"),
        ("{'descr': '<i4', 'fortran_order': False, 'shape': (2305843009213693951,), }", "data has 0 bytes"),
        ("{'descr': '<U0', 'fortran_order': False, 'shape': (1000000000000,), }", "<U0"),
    ])
    func hostileHeaders(header: String, mention: String) {
        do {
            _ = try NumPyFormat.decode(Self.npy(header: header), name: "x.npy")
            Issue.record("accepted \(header)")
        } catch let error as NetworkFileError {
            #expect(error.description.contains(mention), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("npz round trip keeps names, shapes and values")
    func npzRoundTrip() throws {
        let arrays: [String: NumPyArray] = [
            "J": try NumPyArray(shape: [2, 2], values: [0, 0.5, -1.25, 0]),
            "b": try NumPyArray(shape: [2], values: [0.1, 0.2]),
            "tau": NumPyArray(scalar: 1),
            "nonlinearity": NumPyArray(text: "relu"),
        ]
        let bytes = try NumPyArchive.encode(arrays)
        #expect(try NumPyArchive.decode(bytes) == arrays)
        #expect(throws: NetworkFileError.self) { try NumPyArchive.decode(Array("not a zip".utf8)) }
    }

    @Test("files written by NumPy are read exactly", .enabled(if: PythonNumPy.isAvailable, "python3 with numpy is not available to write the fixtures"))
    func readsNumPyOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try PythonNumPy.run("""
        import numpy as np, numpy.lib.format as f
        a = np.arange(12, dtype='<f8').reshape(3, 4) / 7.0
        np.save('\(dir)/c.npy', a)
        np.save('\(dir)/f.npy', np.asfortranarray(a))
        np.save('\(dir)/f4.npy', a.astype('<f4'))
        np.save('\(dir)/i8.npy', (a * 7).astype('<i8'))
        np.save('\(dir)/i4.npy', np.asfortranarray((a * 7).astype('<i4')))
        np.save('\(dir)/v.npy', np.array([0.1, -2.5]))
        np.save('\(dir)/s.npy', np.float64(0.3))
        for v in [(2, 0), (3, 0)]:
            with open('\(dir)/v%d.npy' % v[0], 'wb') as fh:
                f.write_array(fh, a, version=v)
        np.savez('\(dir)/n.npz', J=a, tau=0.5, nonlinearity='leaky_relu')
        np.savez_compressed('\(dir)/z.npz', J=a)
        """)
        let expected = (0..<12).map { Double($0) / 7.0 }
        for name in ["c", "f", "v2", "v3"] {
            let a = try NumPyFormat.decode(AtomicFile.read("\(dir)/\(name).npy"))
            #expect(a.shape == [3, 4])
            #expect(a.values == expected, "\(name)")
        }
        #expect(try NumPyFormat.decode(AtomicFile.read("\(dir)/f4.npy")).values == expected.map { Double(Float($0)) })
        #expect(try NumPyFormat.decode(AtomicFile.read("\(dir)/i8.npy")).values == (0..<12).map(Double.init))
        #expect(try NumPyFormat.decode(AtomicFile.read("\(dir)/i4.npy")).values == (0..<12).map(Double.init))
        #expect(try NumPyFormat.decode(AtomicFile.read("\(dir)/v.npy")).values == [0.1, -2.5])
        let s = try NumPyFormat.decode(AtomicFile.read("\(dir)/s.npy"))
        #expect(s.shape == [] && s.values == [0.3])
        let n = try NumPyArchive.read("\(dir)/n.npz")
        #expect(n["J"]?.values == expected)
        #expect(n["tau"]?.values == [0.5])
        #expect(n["nonlinearity"]?.strings == ["leaky_relu"])
        #expect(try NumPyArchive.read("\(dir)/z.npz")["J"]?.values == expected)
    }

    @Test("NumPy reads what we write", .enabled(if: PythonNumPy.isAvailable, "python3 with numpy is not available to read our files"))
    func numpyReadsOurOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try NumPyArray(shape: [2, 3], values: [0.1, 0.2, 0.3, 4, 5, 6])
        try AtomicFile.write(NumPyFormat.encode(a, fortranOrder: true), to: "\(dir)/a.npy")
        try NumPyArchive.write(["J": a, "nonlinearity": NumPyArray(text: "relu"), "dt": NumPyArray(scalar: 0.01)], to: "\(dir)/n.npz")
        let out = try PythonNumPy.run("""
        import numpy as np
        a = np.load('\(dir)/a.npy'); z = np.load('\(dir)/n.npz')
        ok = a.shape == (2, 3) and a[0, 1] == 0.2 and a[1, 2] == 6 and (z['J'] == a).all() and str(z['nonlinearity']) == 'relu' and float(z['dt']) == 0.01
        print('ok' if ok else 'bad')
        """)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("atomic writes leave no partial file or temporary behind")
    func atomicWrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write(text: "old", to: "\(dir)/x.json")
        try AtomicFile.write(text: "new", to: "\(dir)/x.json")
        #expect(String(decoding: try AtomicFile.read("\(dir)/x.json"), as: UTF8.self) == "new")
        #expect(throws: NetworkFileError.self) { try AtomicFile.write(text: "x", to: "\(dir)/missing/x.json") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.json"])
    }
}
