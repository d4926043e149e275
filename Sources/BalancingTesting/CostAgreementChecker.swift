import BalancingVerification
import Rationals
import SynapticBalancing

/// Checks a float evaluation of the imbalance g and total cost C against the exact values.
///
/// The exact values come from Rational arithmetic on the exactly converted doubles (J and alpha as the
/// float code holds them). Each computed cost term c_ij = alpha_ij |J_ij|^p carries a relative error
/// <= eps = gamma_3 (`FloatRoundingBounds.costTermRelativeError`), and a sum of m terms in any order
/// adds <= gamma_m sum |terms| (Higham, eq. 3.5). Hence, with w_i = sum_{j != i} (c_ij + c_ji):
///
///     |g_float_i - g_i| <= (eps + gamma_{2N} (1 + eps)) w_i,
///     |C_float - C|     <= (eps + gamma_{N^2} (1 + eps)) C,
///
/// decided exactly in rationals. A bug that changes any term by more than a few ulps fails.
public enum CostAgreementChecker {
    /// A float evaluation of (g, C) for J under a cost model.
    public typealias Evaluation = @Sendable (DenseMatrix, CostModel) throws -> (imbalance: [Double], totalCost: Double)

    /// `SynapticBalancing`'s `CostModel.imbalance(of:)` and `totalCost(of:)`.
    public static let synapticBalancing: Evaluation = { J, cost in
        (try cost.imbalance(of: J), try cost.totalCost(of: J))
    }

    /// Throws `PropertyViolation` unless the evaluation's g and C agree with the exact ones within the bounds
    /// above. The cost exponent must be an integer (the exact layer needs rational costs).
    public static func check(_ J: DenseMatrix, cost: CostModel, evaluate: Evaluation = synapticBalancing) throws {
        let property = "float imbalance g and total cost C agree with the exact values within the rounding bound"
        let exactJ = try ExactConversion.matrix(J, field: "J")
        let exactCost = try ExactCostModel(cost)
        let c = try exactCost.costs(of: exactJ)
        let n = J.rows
        let g = ExactCostModel.imbalance(ofCosts: c)
        let total = ExactCostModel.totalCost(ofCosts: c)
        let (floatG, floatC) = try evaluate(J, cost)
        guard floatG.count == n else {
            throw PropertyViolation(property: property, message: "g has \(floatG.count) entries, expected N = \(n)")
        }
        let eps = FloatRoundingBounds.costTermRelativeError
        let gBound = eps + FloatRoundingBounds.gamma(2 * n) * (1 + eps)
        for i in 0..<n {
            guard floatG[i].isFinite else {
                throw PropertyViolation(property: property, message: "g[\(i)] = \(floatG[i]) is not finite (exact g[\(i)] = \(g[i]))")
            }
            var w = Rational(0)
            for j in 0..<n where j != i { w += c[i, j] + c[j, i] }
            let error = (try Rational(exactly: floatG[i]) - g[i]).magnitude
            let allowed = gBound * w
            if error > allowed {
                throw PropertyViolation(property: property, message: """
                    g[\(i)]: float \(floatG[i]), exact \(g[i]) (~\(g[i].doubleValue)); |error| = \(error.doubleValue) \
                    exceeds (eps + gamma_2N (1 + eps)) sum_j (c_ij + c_ji) = \(allowed.doubleValue) (p = \(cost.exponent))
                    """)
            }
        }
        guard floatC.isFinite else {
            throw PropertyViolation(property: property, message: "C = \(floatC) is not finite (exact C = \(total))")
        }
        let cBound = (eps + FloatRoundingBounds.gamma(max(1, n * n)) * (1 + eps)) * total
        let cError = (try Rational(exactly: floatC) - total).magnitude
        if cError > cBound {
            throw PropertyViolation(property: property, message: """
                C: float \(floatC), exact \(total) (~\(total.doubleValue)); |error| = \(cError.doubleValue) exceeds \
                (eps + gamma_{N^2} (1 + eps)) C = \(cBound.doubleValue)
                """)
        }
    }
}
