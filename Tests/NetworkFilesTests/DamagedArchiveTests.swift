import Testing
@testable import NetworkFiles
import TestSupport

@Suite("Damaged and hostile .npz archives")
struct DamagedArchiveTests {
    /// A small valid archive: J (2 x 2) and dt.
    static func archive() throws -> [UInt8] {
        try NumPyArchive.encode(["J": try NumPyArray(shape: [2, 2], values: [0, 1, 2, 0]), "dt": NumPyArray(scalar: 0.1)])
    }

    static func message(_ bytes: [UInt8], limit: Int = NumPyArchive.defaultMaxUncompressedBytes) -> String? {
        do {
            _ = try NumPyArchive.decode(bytes, name: "n.npz", maxUncompressedBytes: limit)
            return nil
        } catch let error as NetworkFileError {
            return error.description
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    /// Offset of the end-of-central-directory record.
    static func eocd(_ bytes: [UInt8]) -> Int { bytes.count - 22 }

    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        for k in 0..<4 { bytes[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }

    @Test("the CRC-32 is the standard one")
    func crcKnownValue() {
        var crc = ZipCRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
    }

    @Test("an end-of-central-directory offset past the end is an error, not a trap")
    func directoryOffsetPastEnd() throws {
        var bytes = try Self.archive()
        Self.put32(&bytes, Self.eocd(bytes) + 16, 0x7FFF_0000)
        #expect(Self.message(bytes)?.contains("n.npz: damaged zip: the central directory") == true)
    }

    @Test("bytes that are not a zip are refused")
    func notAZip() {
        var generator = SplitMix64(seed: 7)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(Self.message(bytes)?.hasPrefix("n.npz: not a zip (.npz) archive") == true)
        #expect(Self.message([1, 2, 3])?.contains("too short") == true)
    }

    @Test("a flipped bit in member data fails the CRC-32")
    func flippedBit() throws {
        var bytes = try Self.archive()
        let good = try NumPyArchive.decode(bytes)
        #expect(good.count == 2)
        // The last data byte of the first member (J.npy, written first in sorted order: "J" < "dt").
        let directoryOffset = Int(bytes[Self.eocd(bytes) + 16]) | Int(bytes[Self.eocd(bytes) + 17]) << 8
        let firstLocalName = Int(bytes[26]) | Int(bytes[27]) << 8
        #expect(firstLocalName > 0 && directoryOffset > 30)
        // Flip a bit in the last byte of the J member's data: its high exponent byte.
        let secondLocal = (0..<directoryOffset - 4).reversed().first { at in
            at > 0 && bytes[at] == 0x50 && bytes[at + 1] == 0x4b && bytes[at + 2] == 3 && bytes[at + 3] == 4
        }!
        bytes[secondLocal - 1] ^= 0x40
        #expect(Self.message(bytes) == "n.npz:J.npy: bad CRC-32: the member's data is corrupted")
    }

    @Test("a damaged central directory that loses members is an error")
    func droppedMembers() throws {
        var bytes = try Self.archive()
        let directoryOffset = Int(bytes[Self.eocd(bytes) + 16]) | Int(bytes[Self.eocd(bytes) + 17]) << 8
        // Break the second directory entry's signature.
        let second = (directoryOffset + 4..<Self.eocd(bytes)).first { at in
            bytes[at] == 0x50 && bytes[at + 1] == 0x4b && bytes[at + 2] == 1 && bytes[at + 3] == 2
        }!
        bytes[second] = 0
        #expect(Self.message(bytes)?.contains("central directory entry 1 of 2 is missing or truncated") == true)
    }

    @Test("a directory count that drops members is an error naming the unlisted member")
    func countDropsMembers() throws {
        var bytes = try Self.archive()
        // The end-of-central-directory record says 1 entry (of 2): J.npy is read, dt.npy is not listed.
        bytes[Self.eocd(bytes) + 8] = 1
        bytes[Self.eocd(bytes) + 10] = 1
        let message = Self.message(bytes)
        #expect(message?.contains("n.npz: damaged zip: the local header of member dt.npy at offset") == true, "\(message ?? "accepted")")
        #expect(message?.contains("is not in the central directory") == true)
    }

    @Test("a declared size over the limit is refused before inflating, naming the limit")
    func sizeLimit() throws {
        let bytes = try Self.archive()
        let message = Self.message(bytes, limit: 100)
        #expect(message?.contains("above the limit --max-uncompressed-bytes 100") == true)
        #expect(message?.contains("--max-uncompressed-bytes") == true)
    }

    @Test("every single-byte mutation of a small archive is decoded or refused, never a trap")
    func mutations() throws {
        let original = try Self.archive()
        var generator = SplitMix64(seed: 15)
        var refused = 0
        for position in 0..<original.count {
            for _ in 0..<2 {
                var bytes = original
                bytes[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                if let message = Self.message(bytes) {
                    #expect(!message.hasPrefix("unexpected error type"), "byte \(position): \(message)")
                    refused += 1
                }
            }
        }
        // Every byte is covered by a CRC, a header field or a name: nearly all mutations must be refused.
        #expect(refused > original.count)
        for length in 0..<original.count {
            #expect(Self.message(Array(original[..<length])) != nil, "truncated to \(length) bytes")
        }
    }
}

