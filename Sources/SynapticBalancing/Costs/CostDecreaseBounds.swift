/// Bounds on how much balancing can lower the cost, as the paper's reference code computes them
/// (docs/math.md "Bounds on the cost decrease"). With C0 the cost at h = 0, C* = inf_h C(h) and g0 = g(0):
///
/// - `upper` = C0 - sum_ij sqrt(c_ij c_ji) (sum over all i, j, diagonal included) bounds the total
///   decrease C0 - C* from ABOVE, rigorously: c_ij c_ji is invariant on the orbit, so
///   c_ij + c_ji >= 2 sqrt(c_ij c_ji) for every pair at every h, i.e. C* >= sum_ij sqrt(c_ij c_ji).
/// - `lower` = |g0|^2 / (2M), M = 2 max_j sum_i W_ij (W = C + C^T, diagonal dropped), is the decrease
///   guaranteed by the quadratic model of C at h = 0 along the gradient step h = g0 / (p M): the Hessian
///   p^2 L has lambda_max(L) <= M (Gershgorin), so C0 - p t |g0|^2 + (p t)^2 M |g0|^2 / 2 is minimised at
///   t = 1/(pM) with value C0 - |g0|^2/(2M). It is a second-order (local) estimate of C0 - C*, not a
///   rigorous bound: the true Hessian changes along the step (it is exact in the limit g0 -> 0).
public struct CostDecreaseBounds: Sendable, Equatable {
    /// C0.
    public var initialCost: Double
    /// |g0|^2 / (2M) (0 when there are no off-diagonal costs).
    public var lower: Double
    /// C0 - sum_ij sqrt(c_ij c_ji).
    public var upper: Double
    /// M = 2 max_j sum_i W_ij.
    public var gershgorinBound: Double

    public init(weights J: DenseMatrix, cost: CostModel) throws {
        let c = try cost.costs(of: J)
        let n = c.rows
        let g = try cost.imbalance(of: J)
        let laplacian = try CostLaplacian(costs: c)
        let m = laplacian.gershgorinBound
        initialCost = c.elements.reduce(0, +)
        let g2 = g.reduce(0) { $0 + $1 * $1 }
        lower = m > 0 ? g2 / (2 * m) : 0
        var geometric = 0.0
        for i in 0..<n { for j in 0..<n { geometric += (c.elements[i * n + j] * c.elements[j * n + i]).squareRoot() } }
        upper = initialCost - geometric
        gershgorinBound = m
    }
}
