/// What the trainer records at one iteration (before that iteration's update).
public struct TrainingLogEntry: Sendable, Equatable, Codable {
    /// Global iteration index (0-based, counting any resumed iterations).
    public var iteration: Int
    /// The task RMSE on this iteration's batch.
    public var loss: Double
    /// RMSE + lambda sum J^2.
    public var objective: Double
    /// Global norm of the objective's gradient before clipping.
    public var gradientNorm: Double
    /// |g| of the Frobenius cost of J (the quantity of Fig 4a).
    public var imbalanceNorm: Double
}
