import Rationals

/// One named value of a report: exact entries as strings ("p/q" for rationals, or integers / text),
/// and optionally decimal approximations for display, which never enter a verdict.
public struct ReportValue: Sendable, Hashable, Codable {
    /// What the value is, e.g. "imbalance g" or "cost C".
    public var name: String
    /// The exact value(s): one string for a scalar, one per entry for a vector.
    public var exact: [String]
    /// Decimal approximations (nearest double), for display only.
    public var approximate: [String]?

    public init(name: String, exact: [String], approximate: [String]? = nil) {
        self.name = name
        self.exact = exact
        self.approximate = approximate
    }

    /// A rational scalar, with its nearest double for display.
    public init(name: String, rational: Rational) {
        self.init(name: name, exact: [rational.description], approximate: [rational.doubleValue.description])
    }

    /// A rational vector, with nearest doubles for display.
    public init(name: String, rationals: [Rational]) {
        self.init(name: name, exact: rationals.map(\.description), approximate: rationals.map { $0.doubleValue.description })
    }

    /// An integer.
    public init(name: String, integer: Int) {
        self.init(name: name, exact: [String(integer)])
    }

    /// A text (a name, a formula, "yes" / "no").
    public init(name: String, text: String) {
        self.init(name: name, exact: [text])
    }
}
