import Foundation

/// Streams an `.npz` archive to a file as `np.savez` lays it out (a zip of stored `.npy` members),
/// writing each large member straight from its typed array: no Double copy of integer indices, no
/// archive in memory. The CRC-32 of each member is computed (zlib) piece by piece as its data is written,
/// and patched into its local header after.
///
/// An archive of 4 GiB or more (or 65,535 members or more) needs zip64 records; it is then encoded by
/// `NumPyArchive.encode` instead.
public enum NumPyArchiveWriter {
    /// The elements of a member, typed as they are written.
    public enum Elements: Sendable {
        case float64([Double])
        case int32([Int32])
        case int64([Int])
        /// Any other array (small members: text, scalars, W_in ...), encoded by `NumPyFormat.encode`.
        case array(NumPyArray)
    }

    /// A member: its shape (ignored for `.array`) and elements.
    public struct Member: Sendable {
        public var shape: [Int]
        public var elements: Elements
        public init(shape: [Int], elements: Elements) { self.shape = shape; self.elements = elements }
        public init(_ array: NumPyArray) { self.init(shape: array.shape, elements: .array(array)) }
    }

    /// The 32-bit zip fields' limit: sizes and offsets must stay below it.
    static let plainZipLimit = Int(UInt32.max)

    /// Writes members atomically to `path` (member `<key>.npy`, in sorted key order).
    /// - Parameters:
    ///   - members: the members, keyed by name without `.npy`.
    ///   - path: the destination.
    /// - Throws: `NetworkFileError` for an element count that does not fill its shape, or a failed write
    ///   (nothing is left half-written).
    public static func write(_ members: [String: Member], to path: String) throws {
        let keys = members.keys.sorted()
        var encoded: [String: [UInt8]] = [:]  // header (+ data, for .array members)
        var total = 22
        for key in keys {
            let member = members[key]!
            let bytes: [UInt8]
            switch member.elements {
            case let .array(a): bytes = try NumPyFormat.encode(a)
            case let .float64(v): bytes = try header(member.shape, .float64, v.count)
            case let .int32(v): bytes = try header(member.shape, .int32, v.count)
            case let .int64(v): bytes = try header(member.shape, .int64, v.count)
            }
            encoded[key] = bytes
            total += 30 + 46 + 2 * (key.utf8.count + 4) + bytes.count + payloadCount(member.elements)
        }
        guard total < plainZipLimit, keys.count < 0xFFFF else {
            var arrays: [String: NumPyArray] = [:]
            for key in keys { arrays[key] = try array(members[key]!) }
            try NumPyArchive.write(arrays, to: path)
            return
        }
        try AtomicFile.write(to: path) { sink in
            var central: [UInt8] = []
            for key in keys {
                let member = members[key]!, head = encoded[key]!
                let name = Array((key + ".npy").utf8)
                let size = head.count + payloadCount(member.elements)
                let offset = sink.count
                // local file header (stored, 1980-01-01 00:00); its CRC-32 is filled in once the data
                // has been streamed, each piece checksummed while it is in cache (one read of the data)
                var local: [UInt8] = []
                append32(&local, 0x0403_4b50); append16(&local, 20); append16(&local, 0); append16(&local, 0)
                append16(&local, 0); append16(&local, 0x21); append32(&local, 0)
                append32(&local, UInt32(size)); append32(&local, UInt32(size))
                append16(&local, UInt16(name.count)); append16(&local, 0)
                try sink.write(local + name + head)
                var crc = ZipCRC32()
                crc.update(head)
                try withPayload(member.elements) { try sink.write($0, checksum: &crc) }
                var checksum: [UInt8] = []
                append32(&checksum, crc.value)
                try sink.patch(at: offset + 14, with: checksum)
                // its central directory entry (made by Unix, mode 0644)
                append32(&central, 0x0201_4b50); append16(&central, 0x0314); append16(&central, 20); append16(&central, 0)
                append16(&central, 0); append16(&central, 0); append16(&central, 0x21); append32(&central, crc.value)
                append32(&central, UInt32(size)); append32(&central, UInt32(size))
                append16(&central, UInt16(name.count)); append16(&central, 0); append16(&central, 0)
                append16(&central, 0); append16(&central, 0); append32(&central, 0o100644 << 16); append32(&central, UInt32(offset))
                central += name
            }
            let directoryOffset = sink.count
            var end: [UInt8] = []
            append32(&end, 0x0605_4b50); append16(&end, 0); append16(&end, 0)
            append16(&end, UInt16(keys.count)); append16(&end, UInt16(keys.count))
            append32(&end, UInt32(central.count)); append32(&end, UInt32(directoryOffset)); append16(&end, 0)
            try sink.write(central + end)
        }
    }

    /// The `.npy` header of a typed member, after checking that the elements fill the shape.
    static func header(_ shape: [Int], _ type: NumPyArray.ElementType, _ count: Int) throws -> [UInt8] {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == count else {
            throw NetworkFileError.invalidNumPy(file: "array", message: "\(count) values do not fill shape \(NumPyArray.describe(shape))")
        }
        return try NumPyFormat.header(elementType: type, shape: shape)
    }

    /// Bytes of a typed member's data (0 for `.array`, whose data is in its encoding).
    static func payloadCount(_ elements: Elements) -> Int {
        switch elements {
        case .array: return 0
        case let .float64(v): return 8 * v.count
        case let .int32(v): return 4 * v.count
        case let .int64(v): return 8 * v.count
        }
    }

    /// Calls `body` with a typed member's data as little-endian bytes (the machine's order: this
    /// package builds for little-endian targets only, as `NumPyFormat` assumes).
    static func withPayload(_ elements: Elements, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch elements {
        case .array: return
        case let .float64(v): try v.withUnsafeBytes(body)
        case let .int32(v): try v.withUnsafeBytes(body)
        case let .int64(v): try v.withUnsafeBytes(body)
        }
    }

    /// A member as a `NumPyArray` (for the zip64 fallback and for callers that want arrays).
    public static func array(_ member: Member) throws -> NumPyArray {
        switch member.elements {
        case let .array(a): return a
        case let .float64(v): return try NumPyArray(shape: member.shape, values: v)
        case let .int32(v): return try NumPyArray(shape: member.shape, values: v.map(Double.init), elementType: .int32)
        case let .int64(v): return try NumPyArray(shape: member.shape, values: v.map(Double.init), elementType: .int64)
        }
    }

    static func append16(_ out: inout [UInt8], _ v: UInt16) { out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8)) }
    static func append32(_ out: inout [UInt8], _ v: UInt32) { for k in 0..<4 { out.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
}
