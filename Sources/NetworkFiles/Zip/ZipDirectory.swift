import Foundation

/// The central directory of a zip archive, checked against the archive's bytes before any member
/// is inflated: every member's local header must exist where the directory says, carry the same
/// name, and its data must lie inside the file before the directory. Declared sizes are bounded
/// by `maxUncompressedBytes`, so a tiny archive cannot claim gigabytes.
struct ZipDirectory {
    /// One member as the central directory describes it.
    struct Member {
        var name: String
        var method: Int
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where the member's (compressed) data starts in the archive: after its local header.
        var dataOffset: Int = 0
    }

    /// The members, in directory order.
    var members: [Member]

    /// Parses and validates the directory of `bytes`. Errors name `file` and, where known, the member.
    ///
    /// - Parameters:
    ///   - bytes: the whole archive.
    ///   - file: the archive's name, for messages.
    ///   - maxUncompressedBytes: the largest total uncompressed size accepted.
    /// - Throws: `NetworkFileError.invalidNumPy` naming what is wrong.
    init(_ bytes: UnsafeRawBufferPointer, file: String, maxUncompressedBytes: Int) throws {
        func fail(_ message: String) -> NetworkFileError { .invalidNumPy(file: file, message: message) }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }

        // End of central directory record: 22 bytes plus a comment of at most 65535 bytes.
        guard bytes.count >= 22 else { throw fail("not a zip (.npz) archive: \(bytes.count) bytes is too short") }
        var eocd = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65_535) {
            if u32(at) == 0x0605_4b50 && at + 22 + u16(at + 20) == bytes.count { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { throw fail("not a zip (.npz) archive: no end-of-central-directory record") }
        guard u16(eocd + 4) == 0, u16(eocd + 6) == 0, u16(eocd + 8) == u16(eocd + 10) else {
            throw fail("multi-disk zip archives are not supported")
        }
        let count = u16(eocd + 10), directorySize = u32(eocd + 12), directoryOffset = u32(eocd + 16)
        guard directoryOffset != 0xFFFF_FFFF, count != 0xFFFF else {
            throw fail("zip64 end-of-central-directory records are not supported")
        }
        guard directoryOffset + directorySize <= eocd else {
            throw fail("damaged zip: the central directory (offset \(directoryOffset), \(directorySize) bytes) "
                       + "extends past the end-of-central-directory record at \(eocd)")
        }
        var members: [Member] = []
        // (local header offset, end of the member's data, has a data descriptor) per member, to check
        // that the members listed cover every byte before the directory.
        var extents: [(start: Int, end: Int, descriptor: Bool, name: String)] = []
        var total = 0
        var entry = directoryOffset
        for index in 0..<count {
            guard entry + 46 <= directoryOffset + directorySize, u32(entry) == 0x0201_4b50 else {
                throw fail("damaged zip: central directory entry \(index) of \(count) is missing or truncated")
            }
            let nameLength = u16(entry + 28), extraLength = u16(entry + 30), commentLength = u16(entry + 32)
            let next = entry + 46 + nameLength + extraLength + commentLength
            guard next <= directoryOffset + directorySize else {
                throw fail("damaged zip: central directory entry \(index) runs past the directory")
            }
            guard let name = String(validating: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self) else {
                throw fail("damaged zip: central directory entry \(index) has a name that is not UTF-8")
            }
            func failMember(_ message: String) -> NetworkFileError { .invalidNumPy(file: "\(file):\(name)", message: message) }
            // Flags: bit 0 encrypted, bit 6 strong encryption, bit 13 masked (encrypted) directory.
            guard u16(entry + 8) & 0x2041 == 0 else { throw failMember("encrypted zip members are not supported") }
            var uncompressed = UInt64(u32(entry + 24)), compressed = UInt64(u32(entry + 20))
            var localOffset = UInt64(u32(entry + 42))
            // Zip64 extra field (id 1): 8-byte values for exactly the fields that read 0xFFFFFFFF.
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var field = entry + 46 + nameLength
                let end = field + extraLength
                var found = false
                while field + 4 <= end {
                    let id = u16(field), size = u16(field + 2)
                    guard field + 4 + size <= end else { break }
                    if id == 1 {
                        var value = field + 4
                        for slot in 0..<3 {
                            let wide = [uncompressed, compressed, localOffset][slot] == 0xFFFF_FFFF
                            guard wide else { continue }
                            guard value + 8 <= field + 4 + size else { throw failMember("damaged zip: zip64 extra field is truncated") }
                            switch slot {
                            case 0: uncompressed = u64(value)
                            case 1: compressed = u64(value)
                            default: localOffset = u64(value)
                            }
                            value += 8
                        }
                        found = true
                        break
                    }
                    field += 4 + size
                }
                guard found else { throw failMember("damaged zip: sizes say zip64 but there is no zip64 extra field") }
            }
            let method = u16(entry + 10)
            guard method == 0 || method == 8 else {
                throw failMember("unsupported zip compression method \(method) (only stored (0) and deflate (8) are read)")
            }
            guard uncompressed <= UInt64(maxUncompressedBytes) - UInt64(total) else {
                throw NetworkFileError.limitExceeded(file: "\(file):\(name)", message: "uncompressed size: \(uncompressed) bytes (\(UInt64(total) + uncompressed) for the archive so far), "
                                 + "above the limit --max-uncompressed-bytes \(maxUncompressedBytes) (raise --max-uncompressed-bytes to read it)")
            }
            guard method != 0 || compressed == uncompressed else {
                throw failMember("damaged zip: stored member has compressed size \(compressed) but uncompressed size \(uncompressed)")
            }
            guard localOffset < UInt64(directoryOffset), Int(localOffset) + 30 <= directoryOffset,
                  u32(Int(localOffset)) == 0x0403_4b50 else {
                throw failMember("damaged zip: no local header at offset \(localOffset) named by the central directory")
            }
            let local = Int(localOffset)
            let localName = u16(local + 26), localExtra = u16(local + 28)
            let dataStart = local + 30 + localName + localExtra
            guard dataStart <= directoryOffset,
                  bytes[(local + 30)..<(local + 30 + localName)].elementsEqual(bytes[(entry + 46)..<(entry + 46 + nameLength)]) else {
                throw failMember("damaged zip: the local header's name does not match the central directory")
            }
            guard compressed <= UInt64(directoryOffset - dataStart) else {
                throw failMember("damaged zip: \(compressed) bytes of member data do not fit before the central directory")
            }
            total += Int(uncompressed)
            extents.append((local, dataStart + Int(compressed), u16(entry + 8) & 8 != 0, name))
            members.append(Member(name: name, method: method, crc32: UInt32(u32(entry + 16)),
                                  compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), dataOffset: dataStart))
            entry = next
        }
        guard Set(members.map(\.name)).count == members.count else {
            throw fail("damaged zip: the central directory names a member twice")
        }
        // The members must tile the bytes before the directory: a local header that no directory
        // entry names is a member the (damaged) directory dropped.
        var expected = 0
        for extent in extents.sorted(by: { $0.start < $1.start }) {
            guard extent.start <= expected else {
                throw NetworkFileError.invalidNumPy(file: "\(file):\(extent.name)", message: "damaged zip: the member's local header at offset \(extent.start) overlaps the member before it")
            }
            if extent.start > expected {
                throw fail(Self.unlisted(bytes, from: expected, to: extent.start, listed: members.count))
            }
            expected = extent.end
            if extent.descriptor {
                // Data descriptor: an optional signature, the CRC-32 and two 4- or 8-byte sizes.
                let signed = expected + 4 <= directoryOffset && u32(expected) == 0x0807_4b50 ? 4 : 0
                let next = extents.filter { $0.start >= expected }.map(\.start).min() ?? directoryOffset
                let length = next - expected
                guard [signed + 12, signed + 20].contains(length) else {
                    throw NetworkFileError.invalidNumPy(file: "\(file):\(extent.name)", message: "damaged zip: \(length) bytes after the member's data are not a data descriptor")
                }
                expected = next
            }
        }
        if expected < directoryOffset {
            throw fail(Self.unlisted(bytes, from: expected, to: directoryOffset, listed: members.count))
        }
        self.members = members
    }

    /// The message for bytes before the directory that belong to no listed member.
    static func unlisted(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int, listed: Int) -> String {
        let header = from + 30 <= to && bytes[from] == 0x50 && bytes[from + 1] == 0x4b && bytes[from + 2] == 3 && bytes[from + 3] == 4
        var what = "bytes \(from)..<\(to) before the central directory belong to no member it lists"
        if header {
            let length = Int(bytes[from + 26]) | Int(bytes[from + 27]) << 8
            if from + 30 + length <= to, let name = String(validating: bytes[(from + 30)..<(from + 30 + length)], as: UTF8.self) {
                what = "the local header of member \(name) at offset \(from) is not in the central directory"
            } else {
                what = "a local header at offset \(from) is not in the central directory"
            }
        }
        return "damaged zip: \(what) (the directory lists \(listed) member\(listed == 1 ? "" : "s"); a member was dropped or the file was altered)"
    }

    /// The member names a zip file's central directory lists, reading only the end of the file and
    /// the directory (nil for a file that is not a readable zip). Nothing is validated: this tells
    /// what kind of archive a file is before it is read and checked in full.
    static func memberNames(ofFileAt path: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size >= 22 else { return nil }
        let tailLength = min(size, 22 + 65_535)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
              let tail = try? handle.read(upToCount: Int(tailLength)).map(Array.init), tail.count == Int(tailLength) else { return nil }
        func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }
        var at = tail.count - 22
        while at >= 0, !(u32(tail, at) == 0x0605_4b50 && at + 22 + u16(tail, at + 20) == tail.count) { at -= 1 }
        guard at >= 0 else { return nil }
        let count = u16(tail, at + 10), directorySize = u32(tail, at + 12), directoryOffset = u32(tail, at + 16)
        guard UInt64(directoryOffset) + UInt64(directorySize) <= size, (try? handle.seek(toOffset: UInt64(directoryOffset))) != nil,
              let directory = try? handle.read(upToCount: directorySize).map(Array.init), directory.count == directorySize else { return nil }
        var names: [String] = []
        var entry = 0
        for _ in 0..<count {
            guard entry + 46 <= directory.count, u32(directory, entry) == 0x0201_4b50 else { return nil }
            let nameLength = u16(directory, entry + 28)
            guard entry + 46 + nameLength <= directory.count else { return nil }
            names.append(String(decoding: directory[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self))
            entry += 46 + nameLength + u16(directory, entry + 30) + u16(directory, entry + 32)
        }
        return names
    }
}
