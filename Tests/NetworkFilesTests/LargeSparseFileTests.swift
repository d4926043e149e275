import Foundation
import NetworkFiles
import SynapticBalancing
import Testing
import TestSupport

/// Members large enough for the two-thread write (each half checksummed apart, the CRC-32 combined and
/// patched into the local header) and for the in-place read (mapped, copied in pieces, CRC-32 checked
/// while copying).
@Suite("large sparse files")
struct LargeSparseFileTests {
    /// N = 3000, 800 synapses per row: a J_data member of 19.2 MB, indices of 9.6 MB.
    static func largeNetwork() throws -> SparseMatrix {
        let n = 3000, perRow = 800
        var rowStart = [0], column: [Int32] = [], values: [Double] = []
        column.reserveCapacity(n * perRow); values.reserveCapacity(n * perRow)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<n {
            for k in 0..<perRow {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                column.append(Int32((i + 1 + k * 3) % n))
                values.append(Double(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1e5 + 1e-3)
            }
            let row = Array(column[(column.count - perRow)...]).sorted()
            column.replaceSubrange((column.count - perRow)..., with: row)
            rowStart.append(column.count)
        }
        return try SparseMatrix(rows: n, columns: n, rowStart: rowStart, columnIndex: column, values: values)
    }

    @Test("a 19 MB member is written by two threads and read in place: same matrix, h and CRC-32 throughout")
    func roundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let J = try Self.largeNetwork()
        let h = (0..<J.rows).map { Double($0 % 17) / 10 - 0.8 }
        let path = dir + "/large.npz"
        try SparseNetworkFile.write(SparseNetwork(weights: J, layout: .scipySparse(storage: "csr")), logScales: h, to: path)
        let back = try SparseNetworkFile.read(path)
        #expect(back.weights == J)
        // the general reader checks every member's CRC-32 against the (patched) directory and local headers
        let arrays = try NumPyArchive.read(path, maxDimensions: 1)
        #expect(arrays["h"]?.values == h)
        #expect(arrays["data"]?.values == J.values)
    }

    @Test("a flipped bit in the mapped J data fails its CRC-32, naming the member")
    func corruptedDataIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let J = try Self.largeNetwork()
        let path = dir + "/large.npz"
        try SparseNetworkFile.write(SparseNetwork(weights: J, layout: .scipySparse(storage: "csr")), logScales: nil, to: path)
        var bytes = try AtomicFile.read(path)
        // data.npy is the first member: past its local header (30 + 8 bytes) and .npy header (128 bytes)
        bytes[30 + 8 + 128 + 12_345_678] ^= 0x10
        try AtomicFile.write(bytes, to: path)
        #expect {
            _ = try SparseNetworkFile.read(path)
        } throws: { error in
            "\(error)".contains("data.npy") && "\(error)".contains("bad CRC-32")
        }
    }
}
