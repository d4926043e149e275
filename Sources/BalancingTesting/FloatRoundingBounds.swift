import Rationals

/// Exact rational constants of floating-point error analysis (Higham, "Accuracy and Stability of
/// Numerical Algorithms", ch. 3) for IEEE binary64 with rounding to nearest.
///
/// Assumptions, used by every checker that cites them: no overflow or underflow (the generators keep
/// values far from both); `+ - * /` correctly rounded (relative error <= u); `exp` and `pow` within one
/// ulp (relative error <= 2u), as glibc documents for binary64 on x86-64 and aarch64.
public enum FloatRoundingBounds {
    /// The unit roundoff u = 2^-53.
    public static let unitRoundoff: Rational = Rational(1).multipliedByPowerOfTwo(-53)

    /// gamma_k = k u / (1 - k u): a sum of k + 1 terms computed in any order with k additions has
    /// |computed - exact| <= gamma_k sum |terms|; a product of k rounded operations has relative error
    /// <= gamma_k. Precondition k u < 1.
    public static func gamma(_ k: Int) -> Rational {
        let ku = Rational(k) * unitRoundoff
        precondition(ku < 1, "gamma_k needs k u < 1")
        return ku / (1 - ku)
    }

    /// The relative error of a computed cost c_ij = alpha_ij |J_ij|^p: |J|^p by multiplication (p <= 2)
    /// or `pow` (within one ulp, 2u), then one product with alpha: at most gamma_3 (any p).
    public static var costTermRelativeError: Rational { gamma(3) }

    /// The relative error bound of exp(x) (one ulp, 2u).
    public static var exponentialRelativeError: Rational { 2 * unitRoundoff }

    /// A rational r >= x for a finite double x >= 0, with a relative margin of 2^-40 (for bounds first
    /// computed in Double from exact inputs with a few roundings).
    public static func upperBound(_ x: Double) -> Rational {
        guard x.isFinite, x > 0 else { return x.isFinite ? 0 : Rational(1).multipliedByPowerOfTwo(1000) }
        let r = (try? Rational(exactly: x)) ?? 0
        return r * (1 + Rational(1).multipliedByPowerOfTwo(-40))
    }

    /// An upper bound of e^x - 1 for a rational 0 <= x <= 1: x + x^2 (since e^x - 1 = x + x^2/2! + ...
    /// <= x + x^2 (e - 2)).
    public static func expMinusOneUpperBound(_ x: Rational) -> Rational {
        precondition(x.signum >= 0 && x <= 1)
        return x + x * x
    }
}
