/// Which rationals a generated network's numbers are drawn from.
public enum WeightArithmetic: String, Sendable, Hashable, CaseIterable {
    /// m / 2^k scaled by 2^e: every value is exactly a Double, so the float and exact networks are the same.
    case dyadic
    /// a / b with small b (1/3, 5/7, ...): the float network holds the rounded values.
    case generalRational = "general-rational"
}
