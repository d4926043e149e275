import Rationals

/// A lower bound on the optimal cost C* from a circulation (docs/math.md, "Weak-duality lower bound on
/// C*", remark (iv)): for every nonnegative circulation f on the synapses and costs c = c(d) at any point
/// of the orbit, C* >= sum_i c_ii + sum_e f_e (2 - f_e / c_e). Rational throughout: no logarithm.
///
/// The circulation is the projection of the costs themselves: f_ij = c_ij (1 + phi_j - phi_i) with
/// L phi = g, L the Laplacian of w_ij = c_ij + c_ji, so in_k(f) - out_k(f) = g_k - (L phi)_k = 0 exactly.
/// As g -> 0, phi -> 0 and f -> c, so the bound closes on C(d) (to second order in |g|).
public struct CirculationBound: Sendable, Equatable {
    /// sum_i c_ii + sum_e f_e (2 - f_e / c_e).
    public var lowerBound: Rational
    /// f, N x N, zero on the diagonal and off the support of c; a nonnegative circulation (re-checked).
    public var flow: Matrix<Rational>

    /// The bound for the costs `c` (N x N, nonnegative), or nil when the projected flow has a negative
    /// entry (far from balance, where 1 + phi_j - phi_i < 0 on some synapse).
    public static func projecting(costs c: Matrix<Rational>) -> CirculationBound? {
        let n = c.rows
        let g = ExactCostModel.imbalance(ofCosts: c)
        // L phi = g on each connected component of w, with phi = 0 at the component's first neuron.
        var component = Array(0..<n)
        func root(_ i: Int) -> Int { var i = i; while component[i] != i { i = component[i] }; return i }
        for i in 0..<n { for j in 0..<n where i != j && !c[i, j].isZero { component[root(i)] = root(j) } }
        // the first neuron met in each component is pinned (phi = 0), so that phi is determined
        var unknowns: [Int] = [], seen = Set<Int>()
        for i in 0..<n where !seen.insert(root(i)).inserted { unknowns.append(i) }
        let m = unknowns.count
        var position = [Int: Int](); for (k, i) in unknowns.enumerated() { position[i] = k }
        var a = Matrix(rows: m, columns: m + 1, repeating: Rational(0))   // [L_reduced | g]
        for (r, i) in unknowns.enumerated() {
            for j in 0..<n where j != i {
                let w = c[i, j] + c[j, i]
                if w.isZero { continue }
                a[r, r] += w
                if let col = position[j] { a[r, col] -= w }
            }
            a[r, m] = g[i]
        }
        // Gaussian elimination: the reduced Laplacian is positive definite, so every pivot is > 0.
        for k in 0..<m {
            let pivot = a[k, k]
            guard pivot.signum > 0 else { return nil }
            for r in (k + 1)..<Swift.max(m, k + 1) where !a[r, k].isZero {
                let factor = a[r, k] / pivot
                for col in k...m where !a[k, col].isZero { a[r, col] -= factor * a[k, col] }
            }
        }
        var phi = Array(repeating: Rational(0), count: n)
        for k in stride(from: m - 1, through: 0, by: -1) {
            var s = a[k, m]
            for col in (k + 1)..<Swift.max(m, k + 1) where !a[k, col].isZero { s -= a[k, col] * phi[unknowns[col]] }
            phi[unknowns[k]] = s / a[k, k]
        }
        var flow = Matrix(rows: n, columns: n, repeating: Rational(0))
        var bound = Rational(0)
        for i in 0..<n {
            bound += c[i, i]
            for j in 0..<n where i != j && !c[i, j].isZero {
                let f = c[i, j] * (1 + phi[j] - phi[i])
                guard f.signum >= 0 else { return nil }
                flow[i, j] = f
                bound += f * (2 - f / c[i, j])
            }
        }
        return CirculationBound(lowerBound: bound, flow: flow)
    }

    /// Exact re-check that `flow` is a nonnegative circulation supported on the synapses of `c`, and that
    /// `lowerBound` is the bound it gives; the name of the first broken condition, or nil.
    public func violation(costs c: Matrix<Rational>) -> String? {
        let n = c.rows
        guard flow.rows == n, flow.columns == n else { return "flow is \(flow.rows) x \(flow.columns), expected \(n) x \(n)" }
        var total = Rational(0)
        var divergence = Array(repeating: Rational(0), count: n)
        for i in 0..<n {
            total += c[i, i]
            for j in 0..<n {
                let f = flow[i, j]
                if f.isZero { continue }
                if i == j || c[i, j].isZero { return "flow[\(i), \(j)] = \(f) lies off the synapses" }
                if f.signum < 0 { return "flow[\(i), \(j)] = \(f) is negative" }
                divergence[i] += f
                divergence[j] -= f
                total += f * (2 - f / c[i, j])
            }
        }
        if let k = divergence.firstIndex(where: { !$0.isZero }) {
            return "flow into neuron \(k) minus flow out of it is \(divergence[k]), not 0"
        }
        return total == lowerBound ? nil : "the bound of the flow is \(total), not \(lowerBound)"
    }
}
