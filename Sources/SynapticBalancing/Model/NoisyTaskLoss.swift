/// The task loss of noisy runs of a network against reference outputs (the task's targets, or the
/// noiseless outputs), in the two forms used to judge noise robustness (docs/math.md "Model"):
/// the mean over runs of each run's mean squared error, and the mean squared error of the outputs
/// averaged over the runs of each trial (the loss of trial-averaged outputs the paper reports).
public struct NoisyTaskLoss: Sendable, Equatable {
    /// (1/R) sum_r MSE(y_r, y*_{trial(r)}), the MSE taken over every step and output.
    public var perRun: Double
    /// The standard error of `perRun` over the noise, with the trials as fixed conditions:
    /// sqrt(sum_k n_k s_k^2) / R, s_k^2 the sample variance of the MSEs of trial k's n_k runs (a trial
    /// with one run adds 0). It is 0 without noise, whatever the trials' own losses.
    public var standardError: Double
    /// The mean over trials (with at least one run) of MSE(mean over that trial's runs of y_r, y*_trial).
    public var ofMeanOutput: Double
    /// R, the number of runs.
    public var runs: Int

    /// Collects runs one at a time (each run's outputs are not kept, only per-trial sums).
    public struct Accumulator: Sendable {
        let references: [[[Double]]]
        var runLosses: [Double] = []
        var runTrials: [Int] = []
        var outputSums: [[[Double]]]
        var runsPerTrial: [Int]

        /// - Parameter references: y*_trial, one T x K sequence per trial.
        public init(references: [[[Double]]]) {
            self.references = references
            outputSums = references.map { $0.map { Array(repeating: 0, count: $0.count) } }
            runsPerTrial = Array(repeating: 0, count: references.count)
        }

        /// Adds one run.
        /// - Parameters:
        ///   - outputs: y_1 ... y_T of the run, T x K like the trial's reference.
        ///   - trial: the trial the run belongs to (an index into the references).
        /// - Precondition: the shapes agree with the reference (callers build both from one file).
        public mutating func add(_ outputs: [[Double]], trial: Int) {
            let reference = references[trial]
            precondition(outputs.count == reference.count, "a run has \(outputs.count) steps, its reference \(reference.count)")
            var sum = 0.0, count = 0
            for t in reference.indices {
                for k in reference[t].indices {
                    let e = outputs[t][k] - reference[t][k]
                    sum += e * e
                    count += 1
                    outputSums[trial][t][k] += outputs[t][k]
                }
            }
            runLosses.append(sum / Double(max(count, 1)))
            runTrials.append(trial)
            runsPerTrial[trial] += 1
        }

        /// The loss of the runs added so far (all zeros before the first run).
        public var result: NoisyTaskLoss {
            let r = Double(runLosses.count)
            guard r > 0 else { return NoisyTaskLoss(perRun: 0, standardError: 0, ofMeanOutput: 0, runs: 0) }
            let mean = runLosses.reduce(0, +) / r
            // Within-trial variances: sum_k n_k s_k^2 = sum_k sum_r (L_kr - mean_k)^2 * n_k / (n_k - 1).
            var trialSums = [Double](repeating: 0, count: references.count)
            for (loss, trial) in zip(runLosses, runTrials) { trialSums[trial] += loss }
            var squares = [Double](repeating: 0, count: references.count)
            for (loss, trial) in zip(runLosses, runTrials) {
                let d = loss - trialSums[trial] / Double(runsPerTrial[trial])
                squares[trial] += d * d
            }
            var pooled = 0.0
            for k in references.indices where runsPerTrial[k] > 1 {
                pooled += squares[k] * Double(runsPerTrial[k]) / Double(runsPerTrial[k] - 1)
            }
            let variance = pooled / r  // (variance / r).squareRoot() = sqrt(sum_k n_k s_k^2) / R
            var meanOutputLoss = 0.0, trials = 0
            for (trial, reference) in references.enumerated() where runsPerTrial[trial] > 0 {
                let m = Double(runsPerTrial[trial])
                var sum = 0.0, count = 0
                for t in reference.indices {
                    for k in reference[t].indices {
                        let e = outputSums[trial][t][k] / m - reference[t][k]
                        sum += e * e
                        count += 1
                    }
                }
                meanOutputLoss += sum / Double(max(count, 1))
                trials += 1
            }
            return NoisyTaskLoss(perRun: mean, standardError: (variance / r).squareRoot(), ofMeanOutput: meanOutputLoss / Double(trials),
                                 runs: runLosses.count)
        }
    }

    /// The loss of the given runs.
    public init(perRun: Double, standardError: Double, ofMeanOutput: Double, runs: Int) {
        self.perRun = perRun
        self.standardError = standardError
        self.ofMeanOutput = ofMeanOutput
        self.runs = runs
    }
}
