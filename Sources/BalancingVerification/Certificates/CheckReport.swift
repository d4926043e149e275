import Rationals

/// The structured result of one exact check: what was checked, on what, the exact values computed,
/// the verdict and, on failure, the first counterexample. Serialises to JSON with every rational as a
/// string "p/q"; `Certificate.recheck()` recomputes it from the inputs and compares.
public struct CheckReport: Sendable, Hashable, Codable {
    /// Which check.
    public var check: CheckKind
    /// One line saying what was verified or what failed.
    public var summary: String
    /// A summary of the inputs (sizes, parameters).
    public var inputs: [ReportValue]
    /// The exact values computed.
    public var values: [ReportValue]
    /// verified / failed.
    public var verdict: Verdict
    /// The first counterexample when the verdict is `failed`.
    public var failure: CheckFailure?
    /// Remarks on what exactly was measured (e.g. what a number does and does not bound).
    public var notes: [String]

    public init(check: CheckKind, summary: String, inputs: [ReportValue], values: [ReportValue],
                verdict: Verdict, failure: CheckFailure?, notes: [String] = []) {
        self.check = check
        self.summary = summary
        self.inputs = inputs
        self.values = values
        self.verdict = verdict
        self.failure = failure
        self.notes = notes
    }

    /// The value named `name` among the computed values (then among the inputs).
    public func value(named name: String) -> ReportValue? {
        values.first { $0.name == name } ?? inputs.first { $0.name == name }
    }

    /// The exact rational scalar named `name`, if there is one and it parses.
    public func rational(named name: String) -> Rational? {
        guard let value = value(named: name), value.exact.count == 1 else { return nil }
        return Rational(value.exact[0])
    }
}
