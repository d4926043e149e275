/// The stored forward pass of `StateReadoutModel`: every Euler state x_k (k = 0 ... T s, B x N blocks),
/// phi(x_k) for k < T s, and the outputs (T x B x K). Manually allocated; call `deallocate()`.
struct ForwardPass {
    let states: UnsafeMutablePointer<Double>
    let activations: UnsafeMutablePointer<Double>
    let outputs: UnsafeMutablePointer<Double>

    init(model: StateReadoutModel, parameters p: NetworkParameters, batch: TaskBatch) {
        let n = p.neuronCount, m = p.inputCount, kOut = p.outputCount
        let bs = batch.batchSize, steps = batch.stepCount, s = model.substeps, total = steps * s
        let block = bs * n
        let h = model.timeStep / model.timeConstant, keep = 1 - h
        states = .allocate(capacity: (total + 1) * block)
        activations = .allocate(capacity: total * block)
        outputs = .allocate(capacity: steps * bs * kOut)
        states.initialize(repeating: 0, count: block)  // x_0 = 0
        let drive = UnsafeMutablePointer<Double>.allocate(capacity: block)
        defer { drive.deallocate() }
        let phi = model.nonlinearity
        p.recurrent.withUnsafeBufferPointer { j in
        p.input.withUnsafeBufferPointer { win in
        p.output.withUnsafeBufferPointer { wout in
        batch.inputs.withUnsafeBufferPointer { u in
            for t in 0..<steps {
                // D_t = U_t W_in^T + 1 b^T, held for the s substeps
                for b in 0..<bs { for i in 0..<n { drive[b * n + i] = p.bias[i] } }
                BLAS.gemm(transposeB: true, m: bs, n: n, k: m, u.baseAddress! + t * bs * m, lda: m, win.baseAddress!, ldb: m,
                          beta: 1, drive, ldc: n)
                for sub in 0..<s {
                    let k = t * s + sub
                    let x = states + k * block, r = activations + k * block, next = states + (k + 1) * block
                    switch phi {
                    case .relu: for e in 0..<block { r[e] = x[e] > 0 ? x[e] : 0 }
                    default: for e in 0..<block { r[e] = phi(x[e]) }
                    }
                    // x_{k+1} = (1 - h) x_k + h D_t + h phi(x_k) J^T
                    for e in 0..<block { next[e] = keep * x[e] + h * drive[e] }
                    BLAS.gemm(transposeB: true, m: bs, n: n, k: n, alpha: h, r, lda: n, j.baseAddress!, ldb: n, beta: 1, next, ldc: n)
                }
                // y_t = x_{(t+1) s} W_out^T
                BLAS.gemm(transposeB: true, m: bs, n: kOut, k: n, states + (t + 1) * s * block, lda: n, wout.baseAddress!, ldb: n,
                          beta: 0, outputs + t * bs * kOut, ldc: kOut)
            }
        }}}}
    }

    func deallocate() {
        states.deallocate()
        activations.deallocate()
        outputs.deallocate()
    }
}
