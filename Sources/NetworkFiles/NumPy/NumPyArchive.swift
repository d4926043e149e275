import Foundation
import ZIPFoundation

/// NumPy `.npz` archives: a zip file of `.npy` members (as `np.savez` / `np.savez_compressed` write).
///
/// Members are keyed by their name without the `.npy` suffix. Stored and deflated members are read;
/// archives are written uncompressed, like `np.savez`.
public enum NumPyArchive {
    /// The default bound on an archive's total uncompressed size (512 MiB).
    public static let defaultMaxUncompressedBytes = 512 << 20

    /// Reads every `.npy` member of an archive given as bytes.
    ///
    /// The central directory is validated against the local headers and the file's size before
    /// anything is inflated; every member's CRC-32 and size are compared with the directory.
    /// - Parameters:
    ///   - bytes: the archive.
    ///   - name: the file name used in error messages.
    ///   - maxUncompressedBytes: the largest total uncompressed size accepted.
    ///   - maxDimensions: the most dimensions a member may have (see `NumPyFormat.decode`).
    /// - Returns: the arrays keyed by member name without `.npy`.
    /// - Throws: `NetworkFileError.invalidNumPy` naming the file, the member and what is wrong.
    public static func decode(_ bytes: [UInt8], name: String = "archive",
                              maxUncompressedBytes: Int = defaultMaxUncompressedBytes, maxDimensions: Int = 2) throws -> [String: NumPyArray] {
        try bytes.withUnsafeBytes { whole in
            try decode(whole, name: name, maxUncompressedBytes: maxUncompressedBytes, maxDimensions: maxDimensions, rawMembers: []).arrays
        }
    }

    /// A stored (uncompressed) member left undecoded: its parsed `.npy` header and where its data lies
    /// in the archive's bytes, for readers that copy large arrays straight into typed storage. Its
    /// CRC-32 is not checked yet: the reader checks it while copying (`ScipySparseFormat.RawArrays`),
    /// so that the member's bytes are read once.
    struct RawMember: Sendable {
        /// NumPy's `descr`, e.g. `<i4`.
        var descriptor: String
        var fortranOrder: Bool
        var shape: [Int]
        /// The data's bytes in the archive.
        var data: Range<Int>
        /// The whole member (header and data) in the archive, for `NumPyFormat.decode`.
        var member: Range<Int>
        /// The CRC-32 the directory states for the whole member.
        var crc32: UInt32
    }

    /// As `decode(_:name:maxUncompressedBytes:maxDimensions:)` on bytes in place, but the stored
    /// members named in `rawMembers` are returned undecoded and unchecked (deflated ones are decoded as
    /// usual).
    /// - Returns: the decoded arrays and the raw members, keyed by name without `.npy`.
    static func decode(_ bytes: UnsafeRawBufferPointer, name: String, maxUncompressedBytes: Int, maxDimensions: Int,
                       rawMembers: Set<String>) throws -> (arrays: [String: NumPyArray], raw: [String: RawMember]) {
        var raw: [String: RawMember] = [:]
        let directory = try ZipDirectory(bytes, file: name, maxUncompressedBytes: maxUncompressedBytes)
        for member in directory.members where !member.name.hasSuffix(".npy") {
            throw NetworkFileError.invalidNumPy(file: "\(name):\(member.name)", message: "member is not a .npy file")
        }
        var arrays: [String: NumPyArray] = [:]
        var archive: Archive?
        var entries: [String: Entry] = [:]
        for member in directory.members {
            let file = "\(name):\(member.name)"
            if member.method == 0 {
                // A stored member (np.savez) is checked and decoded in place: the directory has
                // validated that its data lies inside the archive, so neither the archive nor the
                // member is copied.
                let end = member.dataOffset + member.uncompressedSize
                guard member.compressedSize == member.uncompressedSize, end <= bytes.count else {
                    throw NetworkFileError.invalidNumPy(file: file, message: "damaged zip: the member holds \(max(0, bytes.count - member.dataOffset)) bytes, the directory says \(member.uncompressedSize)")
                }
                let key = String(member.name.dropLast(4))
                let data = UnsafeRawBufferPointer(rebasing: bytes[member.dataOffset..<end])
                if rawMembers.contains(key) {
                    let (header, dataStart) = try NumPyFormat.parseFile(raw: data, name: file)
                    raw[key] = RawMember(descriptor: header.descr, fortranOrder: header.fortranOrder, shape: header.shape,
                                         data: member.dataOffset + dataStart..<end, member: member.dataOffset..<end,
                                         crc32: member.crc32)
                    continue
                }
                var crc = ZipCRC32()
                crc.update(data)
                guard crc.value == member.crc32 else {
                    throw NetworkFileError.invalidNumPy(file: file, message: "bad CRC-32: the member's data is corrupted")
                }
                arrays[key] = try NumPyFormat.decode(raw: data, name: file, maxDimensions: maxDimensions)
                continue
            }
            if archive == nil {
                do {
                    let opened: Archive = try Archive(data: Data(bytes), accessMode: .read)
                    archive = opened
                } catch {
                    throw NetworkFileError.invalidNumPy(file: name, message: "not a readable zip (.npz) archive")
                }
                for entry in archive! where entry.type == .file { entries[entry.path] = entry }
            }
            let archive = archive!
            guard let entry = entries[member.name] else {
                throw NetworkFileError.invalidNumPy(file: file, message: "damaged zip: the member listed in the central directory cannot be read")
            }
            var data = [UInt8]()
            data.reserveCapacity(member.uncompressedSize)
            var crc = ZipCRC32()
            var overflow = false
            do {
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard data.count + chunk.count <= member.uncompressedSize else { overflow = true; throw CancellationMarker() }
                    crc.update(chunk)
                    data.append(contentsOf: chunk)
                }
            } catch {
                if overflow {
                    throw NetworkFileError.invalidNumPy(file: file, message: "damaged zip: the member inflates to more than its declared \(member.uncompressedSize) bytes")
                }
                throw NetworkFileError.invalidNumPy(file: file, message: "damaged zip: cannot extract the member (\(NumPyArchive.readableName(of: error)))")
            }
            guard data.count == member.uncompressedSize else {
                throw NetworkFileError.invalidNumPy(file: file, message: "damaged zip: the member holds \(data.count) bytes, the directory says \(member.uncompressedSize)")
            }
            guard crc.value == member.crc32 else {
                throw NetworkFileError.invalidNumPy(file: file, message: "bad CRC-32: the member's data is corrupted")
            }
            arrays[String(member.name.dropLast(4))] = try NumPyFormat.decode(data, name: file, maxDimensions: maxDimensions)
        }
        return (arrays, raw)
    }

    /// A library error as words: an enum case such as `invalidCompressionMethod` becomes
    /// "invalid compression method".
    /// Refuses the first member (in name order) that is not in `known`: a misspelt member would
    /// otherwise be dropped silently. `what` says what the archive holds ("", " of a recorded path").
    static func refuseUnknownMembers(of arrays: [String: NumPyArray], known: [String], archive name: String,
                                     what: String = "") throws {
        for key in arrays.keys.sorted() where !known.contains(key) {
            throw NetworkFileError.invalidField(field: "\(name):\(key).npy", message: "unknown member\(what) (known: \(known.joined(separator: ", ")))")
        }
    }

    static func readableName(of error: Error) -> String {
        let raw = String(describing: error)
        guard raw.allSatisfy({ $0.isLetter || $0.isNumber }), raw.first?.isLowercase == true else { return raw }
        var words = ""
        for c in raw {
            if c.isUppercase { words += " " + c.lowercased() } else { words.append(c) }
        }
        return words
    }

    /// Thrown from the extraction consumer to stop inflating an oversized member.
    private struct CancellationMarker: Error {}

    /// Encodes arrays as an `.npz` archive (members `<key>.npy`, in sorted key order).
    public static func encode(_ arrays: [String: NumPyArray]) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw NetworkFileError.io(path: "archive", message: "cannot create a zip archive in memory (\(error))")
        }
        for key in arrays.keys.sorted() {
            let member = Data(try NumPyFormat.encode(arrays[key]!))
            do {
                try archive.addEntry(with: key + ".npy", type: .file, uncompressedSize: Int64(member.count),
                                     modificationDate: Date(timeIntervalSince1970: 315_532_800),
                                     compressionMethod: .none) { position, size in
                    member.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw NetworkFileError.io(path: key + ".npy", message: "cannot add the member to the archive (\(error))")
            }
        }
        guard let data = archive.data else {
            throw NetworkFileError.io(path: "archive", message: "the zip archive has no data")
        }
        return Array(data)
    }

    /// Reads an `.npz` file.
    public static func read(_ path: String, maxDimensions: Int = 2) throws -> [String: NumPyArray] {
        try decode(try AtomicFile.read(path), name: path, maxDimensions: maxDimensions)
    }

    /// Writes an `.npz` file atomically.
    public static func write(_ arrays: [String: NumPyArray], to path: String) throws {
        try AtomicFile.write(try encode(arrays), to: path)
    }
}
