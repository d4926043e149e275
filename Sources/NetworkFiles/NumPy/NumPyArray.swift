/// An array read from or written to a NumPy `.npy` file: 0-d, 1-d or 2-d, numbers or (0-d) text.
///
/// Values are kept in C (row-major) order whatever the file's `fortran_order` was. Integer arrays
/// are converted to `Double`; an integer that a `Double` cannot hold exactly is an error, never a
/// silent rounding.
public struct NumPyArray: Sendable, Equatable {
    /// The element types this package reads and writes (always little-endian).
    public enum ElementType: Sendable, Equatable, CustomStringConvertible {
        case float64, float32, int64, int32
        /// Fixed-length UTF-32 text, NumPy `'<U{length}'`.
        case unicode(length: Int)

        /// NumPy's `descr` string, e.g. `"<f8"`.
        public var descriptor: String {
            switch self {
            case .float64: return "<f8"
            case .float32: return "<f4"
            case .int64: return "<i8"
            case .int32: return "<i4"
            case let .unicode(length): return "<U\(length)"
            }
        }

        /// Bytes per element.
        public var itemSize: Int {
            switch self {
            case .float64, .int64: return 8
            case .float32, .int32: return 4
            case let .unicode(length): return 4 * length
            }
        }

        public var description: String { descriptor }
    }

    /// Dimensions, outermost first (`[]` for a 0-d scalar).
    public var shape: [Int]
    public var elementType: ElementType
    /// Numeric elements in C order (empty for text arrays).
    public var values: [Double]
    /// Text elements in C order (empty for numeric arrays).
    public var strings: [String]

    /// A numeric array; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Double], elementType: ElementType = .float64) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw NetworkFileError.invalidNumPy(file: "array", message: "shape \(NumPyArray.describe(shape)) has a negative dimension")
        }
        let count = shape.reduce(1, *)
        guard values.count == count else {
            throw NetworkFileError.invalidNumPy(file: "array", message: "\(values.count) values do not fill shape \(NumPyArray.describe(shape))")
        }
        if case .unicode = elementType {
            throw NetworkFileError.invalidNumPy(file: "array", message: "a text element type needs strings")
        }
        self.shape = shape
        self.values = values
        self.strings = []
        self.elementType = elementType
    }

    /// A 0-d text array, as `np.savez(..., nonlinearity="relu")` writes.
    public init(text: String) {
        self.shape = []
        self.strings = [text]
        self.values = []
        self.elementType = .unicode(length: max(1, text.unicodeScalars.count))
    }

    /// A 0-d float64 scalar.
    public init(scalar: Double) {
        self.shape = []
        self.values = [scalar]
        self.strings = []
        self.elementType = .float64
    }

    /// A 2-d float64 array from rows (all rows of equal length).
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        try self.init(shape: [rows, columns], values: elements)
    }

    /// Number of elements (product of the shape).
    public var count: Int { shape.reduce(1, *) }

    /// Whether the elements are text.
    public var isText: Bool { if case .unicode = elementType { return true } else { return false } }

    /// Python-style shape text, e.g. `(3, 4)`, `(5,)`, `()`.
    public static func describe(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
