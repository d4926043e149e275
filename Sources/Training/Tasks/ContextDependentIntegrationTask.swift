import SynapticBalancing

/// Context-dependent integration (after Mante et al. 2013, as simplified in the authors' training
/// code): inputs [ctx0, ctx1, s(0,0), s(0,1), s(1,0), s(1,1)], each with fresh N(0, noise^2)
/// noise per step; +1 on the active context's channel and, in each context c, +1 on one chosen channel
/// of its two. Target: the running sum over steps of the two channels of the attended context (noise
/// included, not scaled by dt). A batch is all 8 conditions (context x choice in ctx0 x choice in ctx1).
public struct ContextDependentIntegrationTask: TrainingTask {
    public var name: String { "cdi" }
    public var inputCount: Int { 6 }
    public var outputCount: Int { 2 }
    public var batchSize: Int { 8 }
    /// T (50 in the paper).
    public let stepCount: Int
    /// Standard deviation of the input noise (0.3 in the paper).
    public let inputNoise: Double

    /// - Parameters:
    ///   - stepCount: T > 0.
    ///   - inputNoise: noise standard deviation >= 0.
    /// - Throws: `TrainingError.invalidParameter` outside those ranges.
    public init(stepCount: Int = 50, inputNoise: Double = 0.3) throws {
        guard stepCount > 0 else { throw TrainingError.invalidParameter("the task needs at least one step, got \(stepCount)") }
        guard inputNoise.isFinite, inputNoise >= 0 else { throw TrainingError.invalidParameter("input noise must be finite and >= 0, got \(inputNoise)") }
        self.stepCount = stepCount
        self.inputNoise = inputNoise
    }

    /// Condition b = 4 context + 2 choice0 + choice1.
    public func condition(ofTrial b: Int) -> Int { b }

    /// (attended context, chosen channel in ctx0, chosen channel in ctx1) of condition b.
    public static func condition(_ b: Int) -> (context: Int, choice0: Int, choice1: Int) { (b / 4, (b / 2) % 2, b % 2) }

    public func batch(using sampler: inout NormalSampler) -> TaskBatch {
        let t = stepCount, bs = batchSize, m = inputCount, k = outputCount
        var inputs = [Double](repeating: 0, count: t * bs * m)
        var targets = [Double](repeating: 0, count: t * bs * k)
        for b in 0..<bs {
            let (context, choice0, choice1) = Self.condition(b)
            var running = [0.0, 0.0]
            for step in 0..<t {
                let base = (step * bs + b) * m
                for c in 0..<m { inputs[base + c] = inputNoise * sampler.next() }
                inputs[base + context] += 1
                inputs[base + 2 + choice0] += 1
                inputs[base + 4 + choice1] += 1
                // target: cumulative sum of the attended context's two channels s(context, 0), s(context, 1)
                for o in 0..<2 {
                    running[o] += inputs[base + 2 + 2 * context + o]
                    targets[(step * bs + b) * k + o] = running[o]
                }
            }
        }
        // Shapes hold by construction and every entry is finite.
        return try! TaskBatch(stepCount: t, batchSize: bs, inputCount: m, outputCount: k, inputs: inputs, targets: targets)
    }
}
