/// Trials for the continuous-time evaluation of Fig 4b (as in the authors' reference code): each task step's
/// input and target repeated `repeats` times (dt = 1 / repeats per sample), then smoothed along time with
/// a Gaussian filter. Layout: sample k, trial b: `inputs[(k * trialCount + b) * M + m]`, likewise targets.
public struct ContinuousTrials: Sendable {
    /// Samples per trial (T x repeats).
    public let sampleCount: Int
    /// Trials (sets x B).
    public let trialCount: Int
    /// M.
    public let inputCount: Int
    /// K.
    public let outputCount: Int
    /// Condition index of each trial.
    public let conditions: [Int]
    /// Number of distinct conditions.
    public let conditionCount: Int
    public let inputs: [Double]
    public let targets: [Double]

    /// - Parameters:
    ///   - batches: the trial sets (all with the same shape).
    ///   - conditionOfTrial: the condition of trial b within a set.
    ///   - repeats: samples per task step (10).
    ///   - smoothing: the filter (sigma = 5 samples).
    /// - Throws: `TrainingError.shapeMismatch` when the sets differ in shape, `invalidParameter` for no sets or repeats < 1.
    public init(batches: [TaskBatch], conditionOfTrial: (Int) -> Int, repeats: Int, smoothing: GaussianSmoothing?) throws {
        guard let first = batches.first else { throw TrainingError.invalidParameter("the evaluation needs at least one trial set") }
        guard repeats >= 1 else { throw TrainingError.invalidParameter("repeats must be >= 1, got \(repeats)") }
        for (k, b) in batches.enumerated() where b.stepCount != first.stepCount || b.batchSize != first.batchSize
            || b.inputCount != first.inputCount || b.outputCount != first.outputCount {
            throw TrainingError.shapeMismatch("trial set \(k) differs in shape from trial set 0")
        }
        let bs = first.batchSize, m = first.inputCount, kOut = first.outputCount
        let trials = batches.count * bs, samples = first.stepCount * repeats
        func upsample(_ width: Int, _ pick: (TaskBatch) -> [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: samples * trials * width)
            for (setIndex, batch) in batches.enumerated() {
                let values = pick(batch)
                for t in 0..<first.stepCount {
                    for b in 0..<bs {
                        let trial = setIndex * bs + b
                        for r in 0..<repeats {
                            let k = t * repeats + r
                            for c in 0..<width { out[(k * trials + trial) * width + c] = values[(t * bs + b) * width + c] }
                        }
                    }
                }
            }
            guard let smoothing else { return out }
            return smoothing.smooth(out, length: samples, count: trials * width)
        }
        inputs = upsample(m) { $0.inputs }
        targets = upsample(kOut) { $0.targets }
        sampleCount = samples
        trialCount = trials
        inputCount = m
        outputCount = kOut
        conditions = (0..<trials).map { conditionOfTrial($0 % bs) }
        conditionCount = (conditions.max() ?? 0) + 1
    }

    /// The target averaged over the trials of each condition: [condition][sample][output], flattened.
    public var trialAveragedTargets: [Double] { ContinuousTrials.average(targets, width: outputCount, self) }

    static func average(_ values: [Double], width: Int, _ t: ContinuousTrials) -> [Double] {
        var sums = [Double](repeating: 0, count: t.conditionCount * t.sampleCount * width)
        var counts = [Double](repeating: 0, count: t.conditionCount)
        for b in 0..<t.trialCount { counts[t.conditions[b]] += 1 }
        for k in 0..<t.sampleCount {
            for b in 0..<t.trialCount {
                let c = t.conditions[b]
                for o in 0..<width { sums[(c * t.sampleCount + k) * width + o] += values[(k * t.trialCount + b) * width + o] / counts[c] }
            }
        }
        return sums
    }
}
