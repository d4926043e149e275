/// Errors of the exact layer.
public enum RationalError: Error, Equatable, CustomStringConvertible {
    /// NaN or ±infinity given where an exact value is needed.
    case notFinite(Double)
    /// A rational with denominator 0 was requested.
    case zeroDenominator
    /// Unparseable text (the payload says what was wrong).
    case malformed(String)
    /// Division by the rational 0.
    case divisionByZero

    public var description: String {
        switch self {
        case .notFinite(let value): return "not a finite number: \(value) has no exact rational value"
        case .zeroDenominator: return "zero denominator"
        case .malformed(let text): return "malformed number: \(text)"
        case .divisionByZero: return "division by zero"
        }
    }

    public static func == (a: RationalError, b: RationalError) -> Bool {
        switch (a, b) {
        case (.notFinite(let x), .notFinite(let y)): return x.bitPattern == y.bitPattern || x == y
        case (.zeroDenominator, .zeroDenominator), (.divisionByZero, .divisionByZero): return true
        case (.malformed(let x), .malformed(let y)): return x == y
        default: return false
        }
    }
}
