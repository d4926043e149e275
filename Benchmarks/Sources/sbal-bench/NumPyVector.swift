import Foundation

/// A 1-D array read from a NumPy `.npy` file (little-endian `<f8`, `<i8` or `<i4`): the CSR triples
/// (indptr, indices, data) that python/generate.py writes for the large sparse networks.
struct NumPyVector {
    /// The raw little-endian element bytes and the dtype string ("<f8", "<i8", "<i4").
    let bytes: Data
    let dtype: String
    let count: Int

    init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        guard data.count >= 10, data[data.startIndex] == 0x93 else { throw NumPyMatrix.ReadError.malformed(path, "bad magic") }
        let b = data.startIndex
        let major = data[b + 6]
        let headerLength = major == 1 ? Int(data[b + 8]) | Int(data[b + 9]) << 8
            : Int(data[b + 8]) | Int(data[b + 9]) << 8 | Int(data[b + 10]) << 16 | Int(data[b + 11]) << 24
        let headerStart = major == 1 ? 10 : 12
        guard let header = String(data: data[(b + headerStart)..<(b + headerStart + headerLength)], encoding: .utf8)
        else { throw NumPyMatrix.ReadError.malformed(path, "truncated header") }
        guard let type = ["<f8", "<i8", "<i4"].first(where: { header.contains("'descr': '\($0)'") }) else {
            throw NumPyMatrix.ReadError.malformed(path, "dtype is not <f8, <i8 or <i4")
        }
        let width = type == "<i4" ? 4 : 8
        let start = b + headerStart + headerLength
        dtype = type
        bytes = data[start...]
        count = bytes.count / width
    }

    var doubles: [Double] {
        [Double](unsafeUninitializedCapacity: count) { out, n in
            _ = bytes.copyBytes(to: UnsafeMutableRawBufferPointer(out))
            n = count
        }
    }

    var int32s: [Int32] {
        precondition(dtype == "<i4")
        return [Int32](unsafeUninitializedCapacity: count) { out, n in
            _ = bytes.copyBytes(to: UnsafeMutableRawBufferPointer(out))
            n = count
        }
    }

    var ints: [Int] {
        if dtype == "<i8" {
            return [Int](unsafeUninitializedCapacity: count) { out, n in
                _ = bytes.copyBytes(to: UnsafeMutableRawBufferPointer(out))
                n = count
            }
        }
        return int32s.map { Int($0) }
    }
}
