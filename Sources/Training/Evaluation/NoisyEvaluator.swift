import SynapticBalancing

/// Euler-Maruyama runs of state-readout networks on continuous trials (docs/math.md, "Model"; rnnops
/// `run_neural_dynamics`): x_{k+1} = x_k + dt/tau (-x_k + J phi(x_k) + W_in u_k + b) + sqrt(dt) eps xi_k,
/// x_0 = 0, y_k = W_out x_k for k = 0 ... T - 1. All trials are batched (one GEMM per sample). Several
/// networks are run in lockstep with the **same** noise draws xi_k (common random numbers).
public struct NoisyEvaluator: Sendable {
    /// dt (0.1).
    public var timeStep: Double
    /// tau (1).
    public var timeConstant: Double
    /// phi (ReLU).
    public var nonlinearity: Nonlinearity

    public init(timeStep: Double = 0.1, timeConstant: Double = 1, nonlinearity: Nonlinearity = .relu) {
        self.timeStep = timeStep
        self.timeConstant = timeConstant
        self.nonlinearity = nonlinearity
    }

    /// Runs every network on `trials` with noise amplitude `noise`.
    /// - Parameters:
    ///   - networks: networks of equal shape.
    ///   - trials: the inputs.
    ///   - noise: eps >= 0.
    ///   - seed: seed of the noise draws (shared by all networks).
    /// - Returns: one summary per network.
    /// - Throws: `TrainingError.shapeMismatch` for mismatched shapes, `diverged` if a state becomes non-finite.
    public func run(_ networks: [NetworkParameters], trials: ContinuousTrials, noise: Double, seed: UInt64) throws -> [NoisyRunSummary] {
        guard let first = networks.first else { return [] }
        guard noise.isFinite, noise >= 0 else { throw TrainingError.invalidParameter("noise level must be finite and >= 0, got \(noise)") }
        for (k, p) in networks.enumerated() where p.neuronCount != first.neuronCount || p.inputCount != trials.inputCount
            || p.outputCount != trials.outputCount {
            throw TrainingError.shapeMismatch("network \(k) has N = \(p.neuronCount), M = \(p.inputCount), K = \(p.outputCount); the trials need M = \(trials.inputCount), K = \(trials.outputCount) and all networks the same N")
        }
        let n = first.neuronCount, m = trials.inputCount, kOut = trials.outputCount
        let bs = trials.trialCount, samples = trials.sampleCount, block = bs * n
        let h = timeStep / timeConstant, keep = 1 - h, amplitude = timeStep.squareRoot() * noise
        var counts = [Double](repeating: 0, count: trials.conditionCount)
        for b in 0..<bs { counts[trials.conditions[b]] += 1 }

        let states = networks.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: block) }
        let next = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let activity = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let xi = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let y = UnsafeMutablePointer<Double>.allocate(capacity: bs * kOut)
        defer { states.forEach { $0.deallocate() }; next.deallocate(); activity.deallocate(); xi.deallocate(); y.deallocate() }
        for s in states { s.initialize(repeating: 0, count: block) }
        var summaries = networks.map { _ in
            NoisyRunSummary(trialAveragedOutputs: .init(repeating: 0, count: trials.conditionCount * samples * kOut),
                            activeCounts: .init(repeating: 0, count: n), gainSampleCount: 0, stateSum: 0, stateSquareSum: 0, stateCount: 0)
        }
        var sampler = NormalSampler(seed: seed)
        try trials.inputs.withUnsafeBufferPointer { u in
            for k in 0..<samples {
                if noise > 0 { for e in 0..<block { xi[e] = sampler.next() } }
                for (index, p) in networks.enumerated() {
                    let x = states[index]
                    // read out and record sample k (x_k, before the step)
                    p.output.withUnsafeBufferPointer { wout in
                        BLAS.gemm(transposeB: true, m: bs, n: kOut, k: n, x, lda: n, wout.baseAddress!, ldb: n, beta: 0, y, ldc: kOut)
                    }
                    for b in 0..<bs {
                        let c = trials.conditions[b]
                        for o in 0..<kOut { summaries[index].trialAveragedOutputs[(c * samples + k) * kOut + o] += y[b * kOut + o] / counts[c] }
                    }
                    var sum = 0.0, squares = 0.0
                    for e in 0..<block { sum += x[e]; squares += x[e] * x[e] }
                    guard sum.isFinite, squares.isFinite else {
                        throw TrainingError.diverged("network \(index): the state became non-finite at sample \(k) with noise \(noise)")
                    }
                    summaries[index].stateSum += sum
                    summaries[index].stateSquareSum += squares
                    summaries[index].stateCount += Double(block)
                    if k < samples - 1 {
                        for b in 0..<bs { for j in 0..<n where x[b * n + j] > 0 { summaries[index].activeCounts[j] += 1 } }
                        summaries[index].gainSampleCount += bs
                    }
                    // x_{k+1} = (1 - h) x_k + h (phi(x_k) J^T + u_k W_in^T + b) + sqrt(dt) eps xi_k
                    switch nonlinearity {
                    case .relu: for e in 0..<block { activity[e] = x[e] > 0 ? x[e] : 0 }
                    default: for e in 0..<block { activity[e] = nonlinearity(x[e]) }
                    }
                    for b in 0..<bs { for i in 0..<n { next[b * n + i] = keep * x[b * n + i] + h * p.bias[i] } }
                    if noise > 0 { for e in 0..<block { next[e] += amplitude * xi[e] } }
                    p.input.withUnsafeBufferPointer { win in
                        BLAS.gemm(transposeB: true, m: bs, n: n, k: m, alpha: h, u.baseAddress! + k * bs * m, lda: m, win.baseAddress!, ldb: m,
                                  beta: 1, next, ldc: n)
                    }
                    p.recurrent.withUnsafeBufferPointer { j in
                        BLAS.gemm(transposeB: true, m: bs, n: n, k: n, alpha: h, activity, lda: n, j.baseAddress!, ldb: n, beta: 1, next, ldc: n)
                    }
                    x.update(from: next, count: block)
                }
            }
        }
        return summaries
    }

    /// MSE between trial-averaged outputs and trial-averaged targets (mean over samples, outputs and conditions).
    public static func trialAveragedLoss(_ summary: NoisyRunSummary, targets: [Double]) -> Double {
        var s = 0.0
        for (a, b) in zip(summary.trialAveragedOutputs, targets) { s += (a - b) * (a - b) }
        return s / Double(max(targets.count, 1))
    }
}
