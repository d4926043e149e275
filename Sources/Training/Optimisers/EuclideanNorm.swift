/// The Euclidean norm of a vector.
enum EuclideanNorm {
    static func of(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
