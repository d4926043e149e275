import SynapticBalancing

/// A supervised task for recurrent networks: it draws batches of trials (inputs and targets per task
/// step) from a seeded sampler. Add a task by conforming a new type; the model and the trainer only see
/// `TaskBatch`.
public protocol TrainingTask: Sendable {
    /// A short name ("cdi"), used on the command line and in file descriptions.
    var name: String { get }
    /// M, inputs per step.
    var inputCount: Int { get }
    /// K, outputs per step.
    var outputCount: Int { get }
    /// T, task steps per trial.
    var stepCount: Int { get }
    /// B, trials per batch.
    var batchSize: Int { get }
    /// Index of the condition of trial b of a batch (trials with equal index are averaged together in
    /// trial-averaged evaluations).
    func condition(ofTrial b: Int) -> Int
    /// A fresh batch, drawing every random number from `sampler`.
    /// - Parameter sampler: the normal sampler (advanced by the call).
    /// - Returns: a batch of `batchSize` trials of `stepCount` steps.
    func batch(using sampler: inout NormalSampler) -> TaskBatch
}
