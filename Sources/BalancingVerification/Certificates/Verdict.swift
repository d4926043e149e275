/// The outcome of an exact check: `verified` means the claim was proved on that input, in exact
/// arithmetic; `failed` means it was refuted (the report names the first counterexample).
public enum Verdict: String, Sendable, Hashable, Codable {
    case verified
    case failed
}
