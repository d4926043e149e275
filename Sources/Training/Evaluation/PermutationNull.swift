import SynapticBalancing

/// The permutation null of Fig 4a: |g| of the Frobenius cost C = J o J against |g| after randomly
/// permuting the presynaptic index of C (C'_ij = C_i,pi(j)), which keeps every neuron's incoming cost and
/// hands neuron k the outgoing cost of neuron pi(k): g'_k = in_k - out_pi(k).
public struct PermutationNull: Sendable, Equatable, Codable {
    /// |g| of the unpermuted cost.
    public var trueNorm: Double
    /// |g'| for each permutation.
    public var nullNorms: [Double]

    /// - Parameters:
    ///   - parameters: the network (only J is used).
    ///   - permutations: number of random permutations (10^4 in the paper), >= 1.
    ///   - seed: seed of the shuffles.
    /// - Throws: `TrainingError.invalidParameter` for fewer than one permutation.
    public init(_ parameters: NetworkParameters, permutations: Int, seed: UInt64) throws {
        guard permutations >= 1 else { throw TrainingError.invalidParameter("the null needs at least one permutation, got \(permutations)") }
        let n = parameters.neuronCount, j = parameters.recurrent
        var incoming = [Double](repeating: 0, count: n), outgoing = [Double](repeating: 0, count: n)
        for i in 0..<n { for k in 0..<n { let c = j[i * n + k] * j[i * n + k]; incoming[i] += c; outgoing[k] += c } }
        func norm(_ pi: [Int]) -> Double {
            var s = 0.0
            for k in 0..<n { let g = incoming[k] - outgoing[pi[k]]; s += g * g }
            return s.squareRoot()
        }
        trueNorm = norm(Array(0..<n))
        var generator = SeededGenerator(seed: seed)
        var pi = Array(0..<n)
        nullNorms = (0..<permutations).map { _ in
            pi.shuffle(using: &generator)
            return norm(pi)
        }
    }

    /// The q-quantile (0 <= q <= 1) of the null, by linear interpolation between order statistics (numpy's default).
    public func quantile(_ q: Double) -> Double {
        let sorted = nullNorms.sorted()
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Fraction of null values at or below the true |g| (a one-sided permutation p-value).
    public var fractionAtOrBelow: Double { Double(nullNorms.filter { $0 <= trueNorm }.count) / Double(nullNorms.count) }
}

extension PermutationNull {
    /// A histogram of the null on `bins` equal bins spanning [min(null, true), max(null, true)].
    /// - Returns: bin edges (bins + 1) and counts (bins).
    public func histogram(bins: Int) -> (edges: [Double], counts: [Int]) {
        let bins = max(bins, 1)
        let lo = min(nullNorms.min() ?? trueNorm, trueNorm), hi = max(nullNorms.max() ?? trueNorm, trueNorm)
        let width = hi > lo ? (hi - lo) / Double(bins) : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in nullNorms { counts[min(Int((v - lo) / width), bins - 1)] += 1 }
        return ((0...bins).map { lo + Double($0) * width }, counts)
    }
}
