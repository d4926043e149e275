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
        self.init(name: name, exact: [rational.description], approximate: [ReportValue.approximation(rational)])
    }

    /// A rational vector, with nearest doubles for display.
    public init(name: String, rationals: [Rational]) {
        self.init(name: name, exact: rationals.map(\.description), approximate: rationals.map(ReportValue.approximation))
    }

    /// A decimal approximation of `r` for display: its nearest double, or, when `r` is beyond the
    /// range of a double (the nearest double would be inf, or 0 for a nonzero value), a mantissa and a
    /// decimal exponent computed from the exact value ("-4.0e+600"), never "inf" or a wrong 0.
    public static func approximation(_ r: Rational) -> String {
        let x = r.doubleValue
        if x.isFinite && (x != 0 || r.isZero) { return x.description }
        // |r| = 10^e m with m near 1, e from the digit counts of numerator and denominator.
        var e = r.numerator.magnitude.description.count - r.denominator.description.count
        let scaled = e >= 0 ? r / Rational(10).power(e) : r * Rational(10).power(-e)
        var m = scaled.doubleValue
        if abs(m) >= 10 { m /= 10; e += 1 } else if abs(m) < 1 { m *= 10; e -= 1 }
        return "\(m)e\(e >= 0 ? "+" : "")\(e)"
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
