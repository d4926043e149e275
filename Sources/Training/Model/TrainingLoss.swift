/// The task loss between the outputs y and the targets y* over all T x B x K entries.
public enum TrainingLoss: Sendable, Equatable {
    /// sqrt(mean((y - y*)^2)), the paper's training loss.
    case rootMeanSquare
    /// mean((y - y*)^2) (a polynomial in theta: the loss of the exact Noether checks, docs/math.md "Training and the balance condition").
    case meanSquare
}
