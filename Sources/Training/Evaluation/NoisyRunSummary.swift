/// What a noisy (or noise-free) continuous-time run of one network on `ContinuousTrials` leaves behind.
public struct NoisyRunSummary: Sendable {
    /// Outputs y_k = W_out x_k averaged over the trials of each condition: [condition][sample][output], flattened.
    public var trialAveragedOutputs: [Double]
    /// Per neuron j: number of (trial, sample k <= T - 2) with x_j > 0 (the last sample dropped, as `calc_gains`).
    public var activeCounts: [Int]
    /// Number of (trial, sample) pairs counted in `activeCounts`.
    public var gainSampleCount: Int
    /// Sum and sum of squares of every hidden value x_j(k), k = 0 ... T - 1, over all trials, and their count.
    public var stateSum: Double
    public var stateSquareSum: Double
    public var stateCount: Double

    /// r_j = fraction of samples with x_j > 0 (the ReLU gain, phi'(0) = 0).
    public var gains: [Double] { activeCounts.map { Double($0) / Double(max(gainSampleCount, 1)) } }
    /// Standard deviation of all hidden values (population formula, numpy's `std`).
    public var stateStandardDeviation: Double {
        let mean = stateSum / stateCount
        return max(stateSquareSum / stateCount - mean * mean, 0).squareRoot()
    }
}
