/// The graph Laplacian L = diag(W 1) - W of the symmetrised cost W = C + C^T with the diagonal
/// dropped (MATH.md, linearisation: the Hessian of the cost in h is p^2 L).
public func costLaplacian(_ costs: [Double], n: Int) -> [Double] {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n where i != j {
            let w = costs[i * n + j] + costs[j * n + i]
            l[i * n + j] = -w
            l[i * n + i] += w
        }
    }
    return l
}
