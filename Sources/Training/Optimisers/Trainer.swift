import SynapticBalancing

/// Trains theta = (J, W_in, W_out, b) on a task by SGD on RMSE + lambda sum_ij J_ij^2 (as in the authors' reference code).
/// The batch of global iteration i is drawn from `NormalSampler(seed: batchSeed(seed, i))`, so a run resumed
/// at iteration i with the same seed continues exactly as the uninterrupted run (plain SGD has no other state).
public struct Trainer: Sendable {
    /// The task.
    public var task: any TrainingTask
    /// The model (Euler substeps, dt, phi).
    public var model: StateReadoutModel
    /// The optimiser.
    public var optimiser: GradientDescent
    /// lambda >= 0, the weight of sum_ij J_ij^2.
    public var penalty: Double

    /// - Throws: `TrainingError.invalidParameter` for a negative or non-finite lambda.
    public init(task: any TrainingTask, model: StateReadoutModel, optimiser: GradientDescent, penalty: Double) throws {
        guard penalty.isFinite, penalty >= 0 else { throw TrainingError.invalidParameter("lambda must be finite and >= 0, got \(penalty)") }
        self.task = task
        self.model = model
        self.optimiser = optimiser
        self.penalty = penalty
    }

    /// The seed of the batch of global iteration `iteration` (SplitMix-mixed inside `NormalSampler`).
    public static func batchSeed(_ seed: UInt64, iteration: Int) -> UInt64 {
        seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(iteration) &* 0xD1B5_4A32_D192_ED03 &+ 1
    }

    /// The objective's gradient: d RMSE / d theta plus 2 lambda J on the J block.
    public func objectiveGradient(_ parameters: NetworkParameters, batch: TaskBatch) throws -> (loss: Double, objective: Double, gradient: NetworkParameters) {
        var result = try model.lossAndGradient(parameters, batch: batch, loss: .rootMeanSquare)
        if penalty > 0 {
            for e in result.gradient.recurrent.indices { result.gradient.recurrent[e] += 2 * penalty * parameters.recurrent[e] }
        }
        return (result.loss, result.loss + penalty * parameters.recurrentSquaredSum, result.gradient)
    }

    /// Runs `iterations` SGD steps from global iteration `start`.
    /// - Parameters:
    ///   - parameters: theta, updated in place.
    ///   - iterations: number of steps (>= 0).
    ///   - start: the global index of the first step (the number already done when resuming).
    ///   - seed: the batch seed.
    ///   - progress: called after each step with its log entry.
    /// - Returns: one entry per step.
    /// - Throws: `TrainingError.shapeMismatch` when theta does not fit the task; `diverged` on a non-finite loss or gradient.
    public func train(_ parameters: inout NetworkParameters, iterations: Int, start: Int = 0, seed: UInt64,
                      progress: (TrainingLogEntry) -> Void = { _ in }) throws -> [TrainingLogEntry] {
        guard iterations >= 0, start >= 0 else { throw TrainingError.invalidParameter("iterations and start must be >= 0") }
        guard parameters.inputCount == task.inputCount, parameters.outputCount == task.outputCount else {
            throw TrainingError.shapeMismatch("the network has \(parameters.inputCount) inputs and \(parameters.outputCount) outputs; task \(task.name) needs \(task.inputCount) and \(task.outputCount)")
        }
        var log: [TrainingLogEntry] = []
        log.reserveCapacity(iterations)
        for i in start..<(start + iterations) {
            var sampler = NormalSampler(seed: Trainer.batchSeed(seed, iteration: i))
            let batch = task.batch(using: &sampler)
            let imbalance = EuclideanNorm.of(parameters.frobeniusImbalance)
            let (loss, objective, gradient) = try objectiveGradient(parameters, batch: batch)
            let norm = optimiser.step(&parameters, gradient: gradient)
            guard norm.isFinite, objective.isFinite else {
                throw TrainingError.diverged("iteration \(i): objective \(objective), gradient norm \(norm)")
            }
            let entry = TrainingLogEntry(iteration: i, loss: loss, objective: objective, gradientNorm: norm, imbalanceNorm: imbalance)
            log.append(entry)
            progress(entry)
        }
        return log
    }
}
