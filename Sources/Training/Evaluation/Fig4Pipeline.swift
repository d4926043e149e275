import Dispatch
import Synchronization
import SynapticBalancing

/// The whole of the paper's Fig 4 (docs/math.md, "Training and the balance condition"):
/// (a) the same initial weights trained with each lambda, |g| of the Frobenius cost of J per iteration and
/// the permutation null at the final iterate; (b) for several lambda = `balancingPenalty` networks, the
/// robustness cost c_ij = r_j J_ij^2 from noise-free gains, balancing by the flow to T, and the loss of the
/// trial-averaged output under state noise eps, balanced over original, against eps / sigma_x.
public struct Fig4Pipeline: Sendable {
    /// What to run. Defaults are the authors' recipe (N = 256, 6000 iterations, 10^4 permutations,
    /// 300 + 300 trial sets, eps = 0, 0.03, ..., 0.27).
    public struct Configuration: Sendable, Codable, Equatable {
        public var neurons = 256
        public var iterations = 6000
        public var penalties: [Double] = [0, 0.1, 0.3]
        /// lambda of the networks of panel b (0.3 in the paper); must be one of `penalties`.
        public var balancingPenalty = 0.3
        /// Networks of panel b: the first is panel a's lambda = `balancingPenalty` network, the others are
        /// trained from initial weights and batches of seeds seed + 1, seed + 2, ...
        public var networkCount = 3
        public var seed: UInt64 = 1
        public var learningRate = 5e-3
        public var clipNorm = 10.0
        public var permutations = 10_000
        public var histogramBins = 40
        public var gainSets = 300
        public var evaluationSets = 300
        public var noiseLevels: [Double] = (0..<10).map { 0.03 * Double($0) }
        public var flowTime = 3000.0

        public init() {}

        /// - Throws: `TrainingError.invalidParameter` naming the first field out of range.
        public func validate() throws {
            func check(_ ok: Bool, _ message: String) throws { if !ok { throw TrainingError.invalidParameter(message) } }
            try check(neurons > 0, "neurons must be > 0, got \(neurons)")
            try check(iterations >= 1, "iterations must be >= 1, got \(iterations)")
            try check(!penalties.isEmpty && penalties.allSatisfy { $0.isFinite && $0 >= 0 }, "penalties must be finite and >= 0")
            try check(penalties.contains(balancingPenalty), "the balancing penalty \(balancingPenalty) must be one of the penalties \(penalties)")
            try check(networkCount >= 1, "networks must be >= 1, got \(networkCount)")
            try check(permutations >= 1, "permutations must be >= 1, got \(permutations)")
            try check(histogramBins >= 1, "histogram bins must be >= 1")
            try check(gainSets >= 1, "gain sets must be >= 1, got \(gainSets)")
            try check(evaluationSets >= 1, "evaluation sets must be >= 1, got \(evaluationSets)")
            try check(!noiseLevels.isEmpty && noiseLevels.allSatisfy { $0.isFinite && $0 >= 0 }, "noise levels must be finite and >= 0")
            try check(flowTime.isFinite && flowTime > 0, "flow time must be > 0, got \(flowTime)")
        }
    }

    /// One training run of panel a.
    public struct TrainingRun: Sendable, Codable {
        public var lambda: Double
        /// |g| before each iteration and after the last (iterations + 1 values).
        public var imbalance: [Double]
        /// The task RMSE of each iteration's batch.
        public var loss: [Double]
        /// |g| at the final iterate and its null.
        public var finalImbalance: Double
        public var nullFifthPercentile: Double
        public var nullMedian: Double
        /// Fraction of the null at or below the true |g|.
        public var nullFractionBelow: Double
        public var nullHistogramEdges: [Double]
        public var nullHistogramCounts: [Int]
    }

    /// One network of panel b.
    public struct NoiseCurve: Sendable, Codable {
        /// Seed of its initial weights and batches.
        public var seed: UInt64
        public var finalTrainingLoss: Double
        /// Total robustness cost (docs/math.md (12)) before and after balancing (the inset).
        public var costBefore: Double
        public var costAfter: Double
        public var balancingConverged: Bool
        public var relativeImbalance: Double
        /// Neurons never active in the noise-free gain runs (r_j = 0).
        public var silentNeurons: Int
        /// sigma_x: standard deviation of all hidden values of the original network at eps = 0.
        public var stateStandardDeviation: Double
        /// max |y_balanced - y_original| / max |y_original| of the noise-free trial-averaged outputs.
        public var noiselessOutputDifference: Double
        public var noiseLevels: [Double]
        /// eps / sigma_x (the x axis of Fig 4b).
        public var relativeNoise: [Double]
        public var lossOriginal: [Double]
        public var lossBalanced: [Double]
        /// lossBalanced / lossOriginal.
        public var ratio: [Double]
    }

    public struct Result: Sendable, Codable {
        public var configuration: Configuration
        public var runs: [TrainingRun]
        public var networks: [NoiseCurve]
    }

    public var configuration: Configuration
    public var task: ContextDependentIntegrationTask
    public var model: StateReadoutModel

    /// - Throws: `TrainingError.invalidParameter` for a configuration out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
        task = try ContextDependentIntegrationTask()
        model = try StateReadoutModel()
    }

    /// Seeds derived from the figure's seed, kept apart from the training batches' seeds.
    static func derived(_ seed: UInt64, _ purpose: UInt64) -> UInt64 { seed &* 0x2545_F491_4F6C_DD1D &+ purpose &* 0x9E37_79B9 &+ 7 }

    func trainer(_ lambda: Double) throws -> Trainer {
        try Trainer(task: task, model: model,
                    optimiser: try GradientDescent(learningRate: configuration.learningRate, clipNorm: configuration.clipNorm), penalty: lambda)
    }

    /// Trains from the initial weights of `seed` with `lambda`.
    func train(seed: UInt64, lambda: Double, progress: (String) -> Void) throws -> (NetworkParameters, [TrainingLogEntry]) {
        let c = configuration
        var p = try NetworkParameters.randomInitial(neurons: c.neurons, inputs: task.inputCount, outputs: task.outputCount, seed: seed)
        let log = try trainer(lambda).train(&p, iterations: c.iterations, seed: seed) { entry in
            let i = entry.iteration + 1
            if i % max(c.iterations / 10, 1) == 0 || i == c.iterations {
                progress("train lambda \(lambda) seed \(seed): iteration \(i)/\(c.iterations)  loss \(entry.loss)  |g| \(entry.imbalanceNorm)")
            }
        }
        return (p, log)
    }

    /// Every training run of the figure, `concurrency` at a time (each run is sequential and
    /// deterministic, so the results do not depend on the scheduling). Progress lines are passed on
    /// one at a time, under a lock.
    func trainAll(_ jobs: [(seed: UInt64, lambda: Double)], concurrency: Int, progress: (String) -> Void)
        throws -> [(NetworkParameters, [TrainingLogEntry])] {
        if concurrency <= 1 || jobs.count <= 1 {
            return try jobs.map { try train(seed: $0.seed, lambda: $0.lambda, progress: progress) }
        }
        typealias Outcome = Swift.Result<(NetworkParameters, [TrainingLogEntry]), any Error>
        let outcomes = Mutex<[Outcome?]>(Array(repeating: nil, count: jobs.count))
        let next = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)  // after one run fails, no worker starts another
        let lines = Mutex<Void>(())
        withoutActuallyEscaping(progress) { progress in
            // The closure is only called while this function runs, one call at a time under `lines`.
            nonisolated(unsafe) let report = progress
            let pipeline = self
            DispatchQueue.concurrentPerform(iterations: min(concurrency, jobs.count)) { _ in
                while true {
                    guard !failed.load(ordering: .relaxed) else { return }
                    let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard k < jobs.count else { return }
                    let outcome = Outcome {
                        try pipeline.train(seed: jobs[k].seed, lambda: jobs[k].lambda) { line in lines.withLock { _ in report(line) } }
                    }
                    if case .failure = outcome { failed.store(true, ordering: .relaxed) }
                    outcomes.withLock { $0[k] = outcome }
                }
            }
        }
        // Jobs are taken in index order and all taken ones finish, so the slots left nil (after a failure)
        // all come after the first failure: mapping in order throws it before reaching them.
        return try outcomes.withLock { try $0.map { try $0!.get() } }
    }

    /// Runs the figure.
    /// - Parameters:
    ///   - concurrentTrainings: training runs at a time (the figure's 3 + `networkCount` - 1 runs are
    ///     independent; 2 on a 2-core machine halves the wall time). Results are the same for any value.
    ///   - progress: one line per milestone (for standard error).
    /// - Throws: `TrainingError.diverged` if training or a noisy run diverges; the package's
    ///   `BalancingError` if balancing fails.
    public func run(concurrentTrainings: Int = 1, progress: (String) -> Void = { _ in }) throws -> Result {
        let c = configuration
        // Panel a: every lambda from the same initial weights and the same batches (seed); then the other
        // networks of panel b.
        let jobs = c.penalties.map { (seed: c.seed, lambda: $0) }
            + (1..<max(c.networkCount, 1)).map { (seed: c.seed &+ UInt64($0), lambda: c.balancingPenalty) }
        let trained = try trainAll(jobs, concurrency: concurrentTrainings, progress: progress)
        var runs: [TrainingRun] = []
        var panelB: [(UInt64, NetworkParameters, Double)] = []
        for (index, lambda) in c.penalties.enumerated() {
            let (p, log) = trained[index]
            let null = try PermutationNull(p, permutations: c.permutations, seed: Self.derived(c.seed, 1))
            let histogram = null.histogram(bins: c.histogramBins)
            runs.append(TrainingRun(lambda: lambda, imbalance: log.map(\.imbalanceNorm) + [null.trueNorm], loss: log.map(\.loss),
                                    finalImbalance: null.trueNorm, nullFifthPercentile: null.quantile(0.05), nullMedian: null.quantile(0.5),
                                    nullFractionBelow: null.fractionAtOrBelow, nullHistogramEdges: histogram.edges,
                                    nullHistogramCounts: histogram.counts))
            progress("lambda \(lambda): |g| = \(null.trueNorm), null 5% = \(null.quantile(0.05)), median \(null.quantile(0.5))")
            if lambda == c.balancingPenalty, panelB.isEmpty { panelB.append((c.seed, p, log.last?.loss ?? .nan)) }
        }
        for k in c.penalties.count..<jobs.count {
            let (p, log) = trained[k]
            panelB.append((jobs[k].seed, p, log.last?.loss ?? .nan))
        }

        // Panel b: trial sets 0 ..< gainSets for the gains, the next evaluationSets for the evaluation (300 + 300 of
        // the reference's 1000), each task step repeated 10 times (dt = 0.1) and smoothed with sigma = 5 samples.
        var sampler = NormalSampler(seed: Self.derived(c.seed, 2))
        let gainSets = (0..<c.gainSets).map { _ in task.batch(using: &sampler) }
        let evaluationSets = (0..<c.evaluationSets).map { _ in task.batch(using: &sampler) }
        let repeats = Int((1 / model.timeStep).rounded())
        let smoothing = try GaussianSmoothing(sigma: 5)
        let gainTrials = try ContinuousTrials(batches: gainSets, conditionOfTrial: task.condition(ofTrial:), repeats: repeats, smoothing: smoothing)
        let evaluationTrials = try ContinuousTrials(batches: evaluationSets, conditionOfTrial: task.condition(ofTrial:), repeats: repeats,
                                                    smoothing: smoothing)
        let targets = evaluationTrials.trialAveragedTargets
        let evaluator = NoisyEvaluator(timeStep: model.timeStep, timeConstant: model.timeConstant, nonlinearity: model.nonlinearity)
        var curves: [NoiseCurve] = []
        for (index, (seed, p, finalLoss)) in panelB.enumerated() {
            let gains = try evaluator.run([p], trials: gainTrials, noise: 0, seed: 0)[0].gains
            let balancing = try RobustnessBalancing(p, gains: gains, model: model, flowTime: c.flowTime)
            progress("network \(index + 1)/\(panelB.count) (seed \(seed)): robustness cost \(balancing.initialCost) -> \(balancing.finalCost)")
            var lossOriginal: [Double] = [], lossBalanced: [Double] = []
            var sigma = Double.nan, difference = Double.nan
            for (level, eps) in c.noiseLevels.enumerated() {
                // Common random numbers: both networks see the same draws xi_k (docs/math.md "Model", Euler-Maruyama).
                let pair = try evaluator.run([p, balancing.balanced], trials: evaluationTrials, noise: eps,
                                             seed: Self.derived(c.seed, 100 + UInt64(level)))
                lossOriginal.append(NoisyEvaluator.trialAveragedLoss(pair[0], targets: targets))
                lossBalanced.append(NoisyEvaluator.trialAveragedLoss(pair[1], targets: targets))
                if eps == 0 {
                    sigma = pair[0].stateStandardDeviation
                    let scale = pair[0].trialAveragedOutputs.map(abs).max() ?? 0
                    difference = zip(pair[0].trialAveragedOutputs, pair[1].trialAveragedOutputs).map { abs($0 - $1) }.max().map { scale > 0 ? $0 / scale : $0 } ?? 0
                }
                progress("network \(index + 1): eps \(eps): loss \(lossOriginal.last!) original, \(lossBalanced.last!) balanced")
            }
            if sigma.isNaN {  // no eps = 0 in the grid: one noise-free run for sigma_x
                sigma = try evaluator.run([p], trials: evaluationTrials, noise: 0, seed: 0)[0].stateStandardDeviation
            }
            curves.append(NoiseCurve(seed: seed, finalTrainingLoss: finalLoss, costBefore: balancing.initialCost, costAfter: balancing.finalCost,
                                     balancingConverged: balancing.converged, relativeImbalance: balancing.relativeImbalance,
                                     silentNeurons: gains.filter { $0 == 0 }.count, stateStandardDeviation: sigma,
                                     noiselessOutputDifference: difference, noiseLevels: c.noiseLevels,
                                     relativeNoise: c.noiseLevels.map { $0 / sigma }, lossOriginal: lossOriginal, lossBalanced: lossBalanced,
                                     ratio: zip(lossBalanced, lossOriginal).map { $0 / $1 }))
        }
        return Result(configuration: c, runs: runs, networks: curves)
    }
}
