import Foundation

/// A 2-D float64 array read from a NumPy `.npy` file (format versions 1-3, little-endian `<f8`,
/// C or Fortran order). Only what the benchmark inputs need; the library's own reader lives in
/// NetworkFiles.
struct NumPyMatrix {
    let rows: Int
    let columns: Int
    /// Row-major elements.
    let elements: [Double]

    enum ReadError: Error, CustomStringConvertible {
        case malformed(String, String)
        var description: String {
            switch self {
            case let .malformed(path, why): return "\(path): not a 2-D float64 .npy file: \(why)"
            }
        }
    }

    init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw ReadError.malformed(path, "bad magic")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            guard bytes.count >= 12 else { throw ReadError.malformed(path, "truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        guard headerStart + headerLength <= bytes.count,
              let header = String(bytes: bytes[headerStart..<headerStart + headerLength], encoding: .utf8)
        else { throw ReadError.malformed(path, "truncated header") }
        guard header.contains("'descr': '<f8'") else { throw ReadError.malformed(path, "dtype is not '<f8'") }
        let fortranOrder = header.contains("'fortran_order': True")
        guard let open = header.range(of: "'shape': ("),
              let close = header.range(of: ")", range: open.upperBound..<header.endIndex)
        else { throw ReadError.malformed(path, "no shape") }
        let shape = header[open.upperBound..<close.lowerBound]
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard shape.count == 2 else { throw ReadError.malformed(path, "shape \(shape) is not 2-D") }
        let (rows, columns) = (shape[0], shape[1])
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart == rows * columns * 8 else {
            throw ReadError.malformed(path, "expected \(rows * columns) doubles")
        }
        var values = [Double](repeating: 0, count: rows * columns)
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[dataStart...]))
            }
        }
        // The files are little-endian; so is every platform Swift runs this benchmark on.
        if fortranOrder {
            var transposed = values
            for i in 0..<rows { for j in 0..<columns { transposed[i * columns + j] = values[j * rows + i] } }
            values = transposed
        }
        self.rows = rows
        self.columns = columns
        self.elements = values
    }
}
