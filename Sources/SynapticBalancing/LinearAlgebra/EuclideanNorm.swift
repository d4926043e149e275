/// |x|, the Euclidean norm (no overflow guard: the inputs are imbalances of finite costs).
@inline(__always)
func euclideanNorm(_ x: [Double]) -> Double {
    var s = 0.0
    x.withUnsafeBufferPointer { v in for e in v { s += e * e } }
    return s.squareRoot()
}
