/// One batch of trials of a task, laid out for batched products: for task step t, the inputs of the B
/// trials form a B x M row-major block (`inputs[(t * B + b) * M + m]`) and the targets a B x K block.
public struct TaskBatch: Sendable, Equatable {
    /// T, task steps per trial.
    public let stepCount: Int
    /// B, trials in the batch.
    public let batchSize: Int
    /// M.
    public let inputCount: Int
    /// K.
    public let outputCount: Int
    /// T x B x M.
    public var inputs: [Double]
    /// T x B x K.
    public var targets: [Double]

    /// A batch from its arrays.
    /// - Throws: `TrainingError.shapeMismatch` if an array has the wrong length, `nonFinite` for NaN/Inf.
    public init(stepCount: Int, batchSize: Int, inputCount: Int, outputCount: Int, inputs: [Double], targets: [Double]) throws {
        guard stepCount > 0, batchSize > 0 else { throw TrainingError.invalidParameter("a batch needs T > 0 steps and B > 0 trials, got T = \(stepCount), B = \(batchSize)") }
        guard inputs.count == stepCount * batchSize * inputCount else {
            throw TrainingError.shapeMismatch("inputs have \(inputs.count) entries, expected T x B x M = \(stepCount) x \(batchSize) x \(inputCount)")
        }
        guard targets.count == stepCount * batchSize * outputCount else {
            throw TrainingError.shapeMismatch("targets have \(targets.count) entries, expected T x B x K = \(stepCount) x \(batchSize) x \(outputCount)")
        }
        if let k = inputs.firstIndex(where: { !$0.isFinite }) { throw TrainingError.nonFinite(field: "inputs", index: k) }
        if let k = targets.firstIndex(where: { !$0.isFinite }) { throw TrainingError.nonFinite(field: "targets", index: k) }
        self.stepCount = stepCount
        self.batchSize = batchSize
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.inputs = inputs
        self.targets = targets
    }
}
