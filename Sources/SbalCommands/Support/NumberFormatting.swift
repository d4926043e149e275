import Foundation

/// Compact number formatting for tables.
func format(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == 0 { return "0" }
    if abs(x) >= 1e5 || abs(x) < 1e-3 { return String(format: "%.3e", x) }
    return String(format: "%.4g", x)
}
