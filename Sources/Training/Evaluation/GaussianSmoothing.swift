import RealModule

/// A 1-d Gaussian filter along time with the conventions of scipy's `gaussian_filter1d` defaults:
/// weights exp(-x^2 / (2 sigma^2)) for |x| <= radius = Int(truncate sigma + 0.5), normalised to sum 1,
/// and 'reflect' edges (d c b a | a b c d | d c b a: the edge sample is repeated).
public struct GaussianSmoothing: Sendable, Equatable {
    /// The normalised weights w_{-r} ... w_r.
    public let weights: [Double]
    /// r.
    public var radius: Int { weights.count / 2 }

    /// - Parameters:
    ///   - sigma: standard deviation in samples, > 0.
    ///   - truncate: the kernel's half-width in units of sigma (4 in scipy).
    /// - Throws: `TrainingError.invalidParameter` for a non-positive sigma or truncate.
    public init(sigma: Double, truncate: Double = 4) throws {
        guard sigma.isFinite, sigma > 0, truncate.isFinite, truncate > 0 else {
            throw TrainingError.invalidParameter("Gaussian smoothing needs sigma > 0 and truncate > 0, got \(sigma), \(truncate)")
        }
        let r = Int(truncate * sigma + 0.5)
        let raw = (-r...r).map { Double.exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
    }

    /// The index that 'reflect' mode reads for position i of a length-n signal.
    static func reflect(_ i: Int, _ n: Int) -> Int {
        var i = i
        let period = 2 * n
        i %= period
        if i < 0 { i += period }
        return i < n ? i : period - 1 - i
    }

    /// Smooths `count` interleaved signals of `length` samples stored as `values[t * count + c]`.
    public func smooth(_ values: [Double], length: Int, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        let r = radius
        for t in 0..<length {
            for (w, offset) in zip(weights, -r...r) {
                let source = GaussianSmoothing.reflect(t + offset, length) * count
                for c in 0..<count { out[t * count + c] += w * values[source + c] }
            }
        }
        return out
    }
}
