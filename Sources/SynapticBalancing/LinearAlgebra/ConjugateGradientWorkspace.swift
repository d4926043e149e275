/// Jacobi-preconditioned conjugate gradients on L x = b in the subspace of vectors with mean zero on
/// every component (b lies there since sum_i g_i = 0 per component). The preconditioner is
/// Pi diag(W 1)^-1 Pi, Pi the projection onto that subspace. Matvecs use the CSR costs for W x and a
/// scatter for W^T x: no transpose is stored. Buffers are reused between Newton steps.
struct ConjugateGradientWorkspace {
    var x: [Double], r: [Double], z: [Double], d: [Double], q: [Double], degree: [Double]

    init(n: Int) {
        x = [Double](repeating: 0, count: n); r = x; z = x; d = x; q = x; degree = x
    }

    mutating func solve(graph: CostGraph, current: [Double], rhs: [Double], relativeTolerance: Double, maxIterations: Int) -> [Double] {
        let n = graph.n
        for i in 0..<n { degree[i] = 0 }
        graph.rowStart.withUnsafeBufferPointer { rs in
        graph.column.withUnsafeBufferPointer { col in
        current.withUnsafeBufferPointer { c in
        degree.withUnsafeMutableBufferPointer { deg in
            for i in 0..<n {
                for k in rs[i]..<rs[i + 1] { deg[i] += c[k]; deg[Int(col[k])] += c[k] }
            }
        }}}}
        for i in 0..<n { x[i] = 0; r[i] = rhs[i] }
        graph.centre(&r)
        let bNorm = euclideanNorm(r)
        if bNorm == 0 { return x }
        precondition_(graph: graph)
        for i in 0..<n { d[i] = z[i] }
        var rz = dot(r, z)
        for _ in 0..<maxIterations {
            applyLaplacian(graph: graph, current: current)
            let dq = dot(d, q)
            if !(dq > 0) { break }
            let step = rz / dq
            for i in 0..<n { x[i] += step * d[i]; r[i] -= step * q[i] }
            if euclideanNorm(r) <= relativeTolerance * bNorm { break }
            precondition_(graph: graph)
            let rzNew = dot(r, z)
            let beta = rzNew / rz
            rz = rzNew
            for i in 0..<n { d[i] = z[i] + beta * d[i] }
        }
        graph.centre(&x)
        return x
    }

    /// z = Pi D^-1 r.
    private mutating func precondition_(graph: CostGraph) {
        for i in 0..<r.count { z[i] = degree[i] > 0 ? r[i] / degree[i] : 0 }
        graph.centre(&z)
    }

    /// q = L d = diag(W 1) d - (C + C^T) d.
    private mutating func applyLaplacian(graph: CostGraph, current: [Double]) {
        let n = graph.n
        graph.rowStart.withUnsafeBufferPointer { rs in
        graph.column.withUnsafeBufferPointer { col in
        current.withUnsafeBufferPointer { c in
        degree.withUnsafeBufferPointer { deg in
        d.withUnsafeBufferPointer { dv in
        q.withUnsafeMutableBufferPointer { qv in
            for i in 0..<n { qv[i] = deg[i] * dv[i] }
            for i in 0..<n {
                var s = 0.0
                let di = dv[i]
                for k in rs[i]..<rs[i + 1] {
                    let j = Int(col[k])
                    s += c[k] * dv[j]
                    qv[j] -= c[k] * di
                }
                qv[i] -= s
            }
        }}}}}}
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        a.withUnsafeBufferPointer { av in b.withUnsafeBufferPointer { bv in for i in 0..<av.count { s += av[i] * bv[i] } } }
        return s
    }
}
