import Foundation

/// Reading and writing the NumPy `.npy` format (versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (2 bytes little
/// endian for 1.0, 4 bytes for 2.0/3.0), an ASCII (3.0: UTF-8) Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with spaces and a newline so
/// that the data starts at a multiple of 64 bytes, then the raw little-endian elements.
public enum NumPyFormat {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    // MARK: Reading

    /// Decodes one `.npy` file.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - name: the file (or archive member) named in error messages.
    ///   - maxDimensions: the most dimensions accepted (2 for network members; a recorded
    ///     path's J snapshots are 3-d).
    public static func decode(_ bytes: [UInt8], name: String = "array", maxDimensions: Int = 2) throws -> NumPyArray {
        try bytes.withUnsafeBytes { try decode(raw: $0, name: name, maxDimensions: maxDimensions) }
    }

    /// Decodes one `.npy` file held in memory (an archive's stored member is decoded in place,
    /// without copying its bytes out first).
    static func decode(raw bytes: UnsafeRawBufferPointer, name: String, maxDimensions: Int) throws -> NumPyArray {
        let (header, dataStart) = try parseFile(raw: bytes, name: name)
        return try decode(raw: bytes, header: header, dataStart: dataStart, name: name, maxDimensions: maxDimensions)
    }

    /// The header of a `.npy` file in memory and the offset of its data.
    static func parseFile(raw bytes: UnsafeRawBufferPointer, name: String) throws -> (header: Header, dataStart: Int) {
        func fail(_ message: String) -> NetworkFileError { .invalidNumPy(file: name, message: message) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a NumPy .npy file (missing the \\x93NUMPY magic)")
        }
        let major = bytes[6], minor = bytes[7]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("unsupported .npy format version \(major).\(minor) (1.0, 2.0 and 3.0 are supported)")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw fail("header says \(headerLength) bytes but the file has only \(bytes.count - headerStart) after it")
        }
        let headerBytes = bytes[headerStart..<headerStart + headerLength]
        let headerText = major == 3 ? String(decoding: headerBytes, as: UTF8.self)
                                    : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        return (try parseHeader(headerText, fail: fail), headerStart + headerLength)
    }

    /// Decodes the data of a `.npy` file in memory whose header is parsed.
    static func decode(raw bytes: UnsafeRawBufferPointer, header: Header, dataStart: Int, name: String, maxDimensions: Int) throws -> NumPyArray {
        func fail(_ message: String) -> NetworkFileError { .invalidNumPy(file: name, message: message) }

        // scipy.sparse.save_npz writes its `format` member as bytes, '|S3' (b'csr'): read as text.
        if header.descr.hasPrefix("|S") || header.descr.hasPrefix("S"), let n = Int(header.descr.drop { !$0.isNumber }), n >= 1,
           header.shape.isEmpty, bytes.count - dataStart == n {
            let text = bytes[dataStart..<dataStart + n].prefix { $0 != 0 }
            return NumPyArray(text: String(decoding: text, as: UTF8.self))
        }
        let elementType: NumPyArray.ElementType
        switch header.descr {
        case "<f8", "f8", "float64": elementType = .float64
        case "<f4", "f4", "float32": elementType = .float32
        case "<i8", "i8", "int64": elementType = .int64
        case "<i4", "i4", "int32": elementType = .int32
        default:
            if header.descr.hasPrefix("<U"), let n = Int(header.descr.dropFirst(2)) {
                // At least one code point per element (so the data bounds the element count), and
                // a size in bytes that fits an Int.
                guard n >= 1, n <= Int.max / 4 else { throw fail("text dtype '\(header.descr)' is not supported (use '<U1' ... '<U\(Int.max / 4)')") }
                elementType = .unicode(length: n)
            } else if header.descr.hasPrefix(">") {
                throw fail("big-endian dtype '\(header.descr)' is not supported; save with '<' (little-endian), e.g. a.astype('<f8')")
            } else {
                throw fail("dtype '\(header.descr)' is not supported (use '<f8', '<f4', '<i8' or '<i4')")
            }
        }
        guard header.shape.count <= maxDimensions else {
            let supported = maxDimensions == 2 ? "0-d, 1-d and 2-d" : "up to \(maxDimensions)-d"
            throw fail("shape \(NumPyArray.describe(header.shape)) has \(header.shape.count) dimensions; only \(supported) arrays are supported")
        }
        let (count, overflow) = header.shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d); return (p, acc.1 || o)
        }
        let (byteCount, overflow2) = count.multipliedReportingOverflow(by: elementType.itemSize)
        guard !overflow, !overflow2, byteCount == bytes.count - dataStart else {
            throw fail("data has \(bytes.count - dataStart) bytes, expected \(overflow || overflow2 ? "too many" : String(byteCount)) for shape \(NumPyArray.describe(header.shape)) of '\(elementType.descriptor)'")
        }
        // Decode the elements in file order.
        var fileOrder: [Double] = []
        var fileStrings: [String] = []
        try { () throws -> Void in
            let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<dataStart + byteCount])
            switch elementType {
            case .float64:
                #if _endian(little)
                // '<f8' is the host's layout: the payload is copied straight into the storage.
                fileOrder = [Double](unsafeUninitializedCapacity: count) { storage, initialized in
                    if count > 0 { UnsafeMutableRawBufferPointer(storage).copyMemory(from: data) }
                    initialized = count
                }
                #else
                fileOrder = (0..<count).map { Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
                #endif
            case .float32:
                fileOrder = (0..<count).map { Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))) }
            case .int64:
                fileOrder.reserveCapacity(count)
                for k in 0..<count {
                    let v = Int64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * k, as: Int64.self))
                    guard let d = Double(exactly: v) else { throw fail("integer \(v) at flat index \(k) is not exactly representable as a double") }
                    fileOrder.append(d)
                }
            case .int32:
                fileOrder = (0..<count).map { Double(Int32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) }
            case let .unicode(length):
                for k in 0..<count {
                    var scalars = String.UnicodeScalarView()
                    for c in 0..<length {
                        let code = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * (k * length + c), as: UInt32.self))
                        if code == 0 { break }
                        guard let s = Unicode.Scalar(code) else { throw fail("invalid UTF-32 code point in text element \(k)") }
                        scalars.append(s)
                    }
                    fileStrings.append(String(scalars))
                }
            }
        }()
        // Fortran (column-major) order: element (i, j) of an r x c array is at j * r + i.
        if header.fortranOrder && header.shape.count == 2 {
            let r = header.shape[0], c = header.shape[1]
            if elementType.isTextType {
                fileStrings = (0..<r * c).map { k in fileStrings[(k % c) * r + k / c] }
            } else {
                fileOrder = (0..<r * c).map { k in fileOrder[(k % c) * r + k / c] }
            }
        } else if header.fortranOrder && header.shape.count > 2 {
            // n-d: the element with C-order flat index k sits at sum_a i_a prod_(b<a) shape[b].
            let order = fortranPositions(header.shape)
            if elementType.isTextType { fileStrings = order.map { fileStrings[$0] } } else { fileOrder = order.map { fileOrder[$0] } }
        }
        var array = NumPyArray(text: "")
        array.shape = header.shape
        array.elementType = elementType
        array.values = fileOrder
        array.strings = fileStrings
        return array
    }

    /// For each C-order flat index, the position of that element in Fortran (column-major) order.
    static func fortranPositions(_ shape: [Int]) -> [Int] {
        let count = shape.reduce(1, *)
        var strides = [Int](repeating: 1, count: shape.count)
        for a in shape.indices.dropFirst() { strides[a] = strides[a - 1] * shape[a - 1] }
        var positions = [Int](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for k in 0..<count {
            positions[k] = zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
            var a = shape.count - 1
            while a >= 0 {
                index[a] += 1
                if index[a] < shape[a] { break }
                index[a] = 0
                a -= 1
            }
        }
        return positions
    }

    struct Header { var descr: String; var fortranOrder: Bool; var shape: [Int] }

    /// Parses the Python dict literal of the header (only the three keys NumPy writes).
    static func parseHeader(_ text: String, fail: (String) -> NetworkFileError) throws -> Header {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") else {
            throw fail("header is not a Python dict: \(trimmed.count > 60 ? String(trimmed.prefix(60)) + "..." : trimmed)")
        }
        var scanner = PythonLiteralScanner(text)
        guard case let .dict(entries) = try scanner.parseValue(fail: fail) else {
            throw fail("header is not a Python dict: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if let junk = scanner.remainder() {
            throw fail("junk after the header dict: '\(junk.count > 40 ? String(junk.prefix(40)) + "..." : junk)' (only spaces and a newline may follow it)")
        }
        var descr: String?, fortran: Bool?, shape: [Int]?
        for (key, value) in entries {
            switch (key, value) {
            case ("descr", .string(let s)): descr = s
            case ("fortran_order", .bool(let b)): fortran = b
            case ("shape", .tuple(let t)): shape = t
            case ("descr", .list):
                throw fail("structured dtypes are not supported (descr is a list)")
            case ("descr", _):
                throw fail("header entry 'descr' has the wrong type: expected a string such as '<f8', got \(value.typeName)")
            case ("fortran_order", _):
                throw fail("header entry 'fortran_order' has the wrong type: expected True or False, got \(value.typeName)")
            case ("shape", _):
                throw fail("header entry 'shape' has the wrong type: expected a tuple of integers, got \(value.typeName)")
            default:
                throw fail("unexpected header entry '\(key)'")
            }
        }
        guard let descr, let fortran, let shape else {
            throw fail("header lacks one of 'descr', 'fortran_order', 'shape'")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("negative dimension in shape") }
        return Header(descr: descr, fortranOrder: fortran, shape: shape)
    }

    // MARK: Writing

    /// Encodes an array as a `.npy` file (version 1.0 unless the header needs 2.0; `version: 3`
    /// forces 3.0). With `fortranOrder` the elements are written column-major.
    public static func encode(_ array: NumPyArray, version: Int? = nil, fortranOrder: Bool = false) throws -> [UInt8] {
        let fortran = fortranOrder && array.shape.count == 2
        var out = try header(elementType: array.elementType, shape: array.shape, fortranOrder: fortran, version: version)
        let count = array.count
        var order = Array(0..<count)
        if fortran {
            let r = array.shape[0], c = array.shape[1]
            // File position k holds logical element (k % r, k / r).
            order = (0..<count).map { k in (k % r) * c + k / r }
        }
        out.reserveCapacity(out.count + count * array.elementType.itemSize)
        func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        switch array.elementType {
        case .float64: for k in order { append(array.values[k].bitPattern) }
        case .float32: for k in order { append(Float(array.values[k]).bitPattern) }
        case .int64, .int32:
            for k in order {
                let v = array.values[k]
                guard v.isFinite, v == v.rounded() else {
                    throw NetworkFileError.invalidNumPy(file: "array", message: "value \(v) at flat index \(k) is not an integer")
                }
                if array.elementType == .int64 {
                    guard let i = Int64(exactly: v) else { throw NetworkFileError.invalidNumPy(file: "array", message: "value \(v) does not fit int64") }
                    append(i)
                } else {
                    guard let i = Int32(exactly: v) else { throw NetworkFileError.invalidNumPy(file: "array", message: "value \(v) does not fit int32") }
                    append(i)
                }
            }
        case let .unicode(length):
            for k in order {
                var scalars = Array(array.strings[k].unicodeScalars.map(\.value).prefix(length))
                scalars += Array(repeating: 0, count: length - scalars.count)
                for s in scalars { append(s) }
            }
        }
        return out
    }

    /// The `.npy` magic, version and header of an array (version 1.0 unless the header needs 2.0),
    /// padded so that the data starts at a multiple of 64 bytes.
    /// - Parameters:
    ///   - elementType: the element type (`descr`).
    ///   - shape: the dimensions.
    ///   - fortranOrder: whether the data that follows is column-major.
    ///   - version: 1, 2 or 3, or nil for the smallest that fits.
    /// - Returns: the bytes before the data.
    /// - Throws: `NetworkFileError.invalidNumPy` for an unknown version or a header too long for it.
    public static func header(elementType: NumPyArray.ElementType, shape: [Int], fortranOrder fortran: Bool = false,
                              version: Int? = nil) throws -> [UInt8] {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(elementType.descriptor)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        let chosen = version ?? (header.utf8.count + 11 < 65_536 ? 1 : 2)
        guard [1, 2, 3].contains(chosen) else {
            throw NetworkFileError.invalidNumPy(file: "array", message: "cannot write .npy version \(chosen)")
        }
        let prefixLength = chosen == 1 ? 10 : 12
        // Pad with spaces so that data starts at a multiple of 64; the header ends in '\n'.
        let unpadded = prefixLength + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let headerLength = header.utf8.count
        if chosen == 1 && headerLength > 65_535 {
            throw NetworkFileError.invalidNumPy(file: "array", message: "header too long for version 1.0")
        }
        var out: [UInt8] = magic + [UInt8(chosen), 0]
        if chosen == 1 {
            out += [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
        } else {
            out += (0..<4).map { UInt8((headerLength >> (8 * $0)) & 0xFF) }
        }
        out += Array(header.utf8)
        return out
    }
}

extension NumPyArray.ElementType {
    var isTextType: Bool { if case .unicode = self { return true } else { return false } }
}
