/// Errors of the training layer; each message names what is wrong.
public enum TrainingError: Error, Sendable, Equatable {
    /// An array or matrix of the wrong size (the message names it and both sizes).
    case shapeMismatch(String)
    /// A NaN or infinite entry in `field` at flat `index`.
    case nonFinite(field: String, index: Int)
    /// An option or parameter outside its allowed range.
    case invalidParameter(String)
    /// Training or evaluation produced NaN or infinity (a diverged run), with where it happened.
    case diverged(String)
}
