extension TrainingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case let .nonFinite(field, index): return "\(field) has a non-finite entry at index \(index)"
        case let .invalidParameter(message): return "invalid parameter: \(message)"
        case let .diverged(message): return "diverged: \(message)"
        }
    }
}
