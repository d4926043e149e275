import SynapticBalancing

/// The training model of the paper's reference code: a continuous-time rate network with tau = 1
/// integrated by forward Euler, `substeps` steps of `dt` per task step with the input (W_in u + b) held,
/// x_0 = 0, and the **state readout** y_t = W_out x after each task step's substeps. No noise.
///
/// Trials are batched in the row-vector layout (a state block is B x N, row b = trial b), so every
/// product is a GEMM: X_{k+1} = (1 - dt/tau) X_k + (dt/tau) (phi(X_k) J^T + U_t W_in^T + 1 b^T).
/// Double precision throughout (the reference code used float32).
public struct StateReadoutModel: Sendable, Equatable {
    /// Euler substeps per task step (10).
    public var substeps: Int
    /// Euler step dt (0.1).
    public var timeStep: Double
    /// tau (1).
    public var timeConstant: Double
    /// phi; must be positively homogeneous for the balancing symmetry (ReLU in the paper).
    public var nonlinearity: Nonlinearity

    /// - Throws: `TrainingError.invalidParameter` for substeps < 1 or non-positive dt, tau.
    public init(substeps: Int = 10, timeStep: Double = 0.1, timeConstant: Double = 1, nonlinearity: Nonlinearity = .relu) throws {
        guard substeps >= 1 else { throw TrainingError.invalidParameter("substeps must be >= 1, got \(substeps)") }
        guard timeStep.isFinite, timeStep > 0 else { throw TrainingError.invalidParameter("dt must be finite and > 0, got \(timeStep)") }
        guard timeConstant.isFinite, timeConstant > 0 else { throw TrainingError.invalidParameter("tau must be finite and > 0, got \(timeConstant)") }
        self.substeps = substeps
        self.timeStep = timeStep
        self.timeConstant = timeConstant
        self.nonlinearity = nonlinearity
    }

    func check(_ p: NetworkParameters, _ batch: TaskBatch) throws {
        guard p.inputCount == batch.inputCount, p.outputCount == batch.outputCount else {
            throw TrainingError.shapeMismatch("the network has \(p.inputCount) inputs and \(p.outputCount) outputs, the task batch \(batch.inputCount) and \(batch.outputCount)")
        }
    }

    /// The outputs y_t = W_out x after each task step, T x B x K (the layout of `TaskBatch.targets`).
    /// - Throws: `TrainingError.shapeMismatch` when the network and batch sizes differ.
    public func outputs(_ parameters: NetworkParameters, batch: TaskBatch) throws -> [Double] {
        try check(parameters, batch)
        let pass = ForwardPass(model: self, parameters: parameters, batch: batch)
        defer { pass.deallocate() }
        return Array(UnsafeBufferPointer(start: pass.outputs, count: batch.stepCount * batch.batchSize * batch.outputCount))
    }

    /// The task loss and its gradient by backpropagation through time.
    /// - Parameters:
    ///   - parameters: theta = (J, W_in, W_out, b).
    ///   - batch: the trials.
    ///   - loss: RMSE (training) or MSE.
    /// - Returns: the loss and d loss / d theta.
    /// - Throws: `TrainingError.shapeMismatch` for mismatched sizes, `TrainingError.diverged` if the loss is not finite.
    public func lossAndGradient(_ parameters: NetworkParameters, batch: TaskBatch, loss: TrainingLoss = .rootMeanSquare) throws -> LossAndGradient {
        try check(parameters, batch)
        let pass = ForwardPass(model: self, parameters: parameters, batch: batch)
        defer { pass.deallocate() }
        let count = batch.stepCount * batch.batchSize * batch.outputCount
        var squares = 0.0
        for e in 0..<count { let r = pass.outputs[e] - batch.targets[e]; squares += r * r }
        let mse = squares / Double(count)
        guard mse.isFinite else { throw TrainingError.diverged("the task loss is not finite (\(mse)); the network's states overflowed") }
        let value: Double, factor: Double
        switch loss {
        case .meanSquare: value = mse; factor = 2 / Double(count)  // d mean(r^2) / d y = 2 r / count
        case .rootMeanSquare:
            value = mse.squareRoot()
            factor = value > 0 ? 1 / (Double(count) * value) : 0  // d sqrt(mean(r^2)) / d y = r / (count sqrt(mse))
        }
        var outputAdjoint = [Double](repeating: 0, count: count)
        for e in 0..<count { outputAdjoint[e] = factor * (pass.outputs[e] - batch.targets[e]) }
        return LossAndGradient(loss: value, gradient: backward(pass, parameters: parameters, batch: batch, outputAdjoint: outputAdjoint))
    }

    /// Reverse pass. With a_k = dL/dx_k (B x N blocks) and h = dt / tau, from x_{k+1} = (1 - h) x_k + h (phi(x_k) J^T + D_t):
    /// a_k = (1 - h) a_{k+1} + h phi'(x_k) o (a_{k+1} J) + [readout at k] dY W_out,
    /// dJ = h sum_k a_{k+1}^T phi(x_k), dD_t = h sum_{k in step t} a_{k+1}, dW_in = sum_t dD_t^T U_t, db = sum rows of dD,
    /// dW_out = sum_t dY_t^T x_{readout(t)}.
    func backward(_ pass: ForwardPass, parameters p: NetworkParameters, batch: TaskBatch, outputAdjoint dY: [Double]) -> NetworkParameters {
        let n = p.neuronCount, m = p.inputCount, kOut = p.outputCount
        let bs = batch.batchSize, steps = batch.stepCount, s = substeps, total = steps * s
        let h = timeStep / timeConstant, keep = 1 - h
        let block = bs * n
        var gradient = NetworkParameters.zeros(neurons: n, inputs: m, outputs: kOut)
        let adjoints = UnsafeMutablePointer<Double>.allocate(capacity: total * block)  // a_{k+1} at block k
        let driveAdjoint = UnsafeMutablePointer<Double>.allocate(capacity: steps * block)
        let current = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let product = UnsafeMutablePointer<Double>.allocate(capacity: block)
        defer { adjoints.deallocate(); driveAdjoint.deallocate(); current.deallocate(); product.deallocate() }
        current.initialize(repeating: 0, count: block)
        driveAdjoint.initialize(repeating: 0, count: steps * block)
        // a_k J as a_k (J^T)^T: OpenBLAS's B-transposed kernel for the 8 x N by N x N product is about
        // twice as fast as the plain one (34 vs 70 us at N = 256, one thread), so J^T is formed once.
        var transposedJ = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { transposedJ[j * n + i] = p.recurrent[i * n + j] } }
        transposedJ.withUnsafeBufferPointer { jt in
        p.output.withUnsafeBufferPointer { wout in
        dY.withUnsafeBufferPointer { dy in
            for k in stride(from: total, to: 0, by: -1) {  // current = a_k
                if k % s == 0 {  // x_k is read out at task step t = k / s - 1: a_k += dY_t W_out
                    let t = k / s - 1
                    BLAS.gemm(m: bs, n: n, k: kOut, dy.baseAddress! + t * bs * kOut, lda: kOut, wout.baseAddress!, ldb: n,
                              beta: 1, current, ldc: n)
                }
                let stored = adjoints + (k - 1) * block
                stored.update(from: current, count: block)
                let drive = driveAdjoint + ((k - 1) / s) * block
                for e in 0..<block { drive[e] += h * current[e] }
                // a_{k-1} = (1 - h) a_k + h phi'(x_{k-1}) o (a_k J)
                BLAS.gemm(transposeB: true, m: bs, n: n, k: n, current, lda: n, jt.baseAddress!, ldb: n, beta: 0, product, ldc: n)
                let x = pass.states + (k - 1) * block
                switch nonlinearity {
                case .relu:
                    for e in 0..<block { current[e] = keep * current[e] + (x[e] > 0 ? h * product[e] : 0) }
                default:
                    for e in 0..<block { current[e] = keep * current[e] + h * nonlinearity.derivative(x[e]) * product[e] }
                }
            }
        }}}
        gradient.recurrent.withUnsafeMutableBufferPointer { dj in
            // dJ = h A^T Phi over all T s B rows at once (one GEMM with inner dimension T s B)
            BLAS.gemm(transposeA: true, m: n, n: n, k: total * bs, alpha: h, adjoints, lda: n, pass.activations, ldb: n,
                      beta: 0, dj.baseAddress!, ldc: n)
        }
        batch.inputs.withUnsafeBufferPointer { u in
            gradient.input.withUnsafeMutableBufferPointer { dw in
                BLAS.gemm(transposeA: true, m: n, n: m, k: steps * bs, driveAdjoint, lda: n, u.baseAddress!, ldb: m,
                          beta: 0, dw.baseAddress!, ldc: m)
            }
        }
        for r in 0..<(steps * bs) { for i in 0..<n { gradient.bias[i] += driveAdjoint[r * n + i] } }
        dY.withUnsafeBufferPointer { dy in
            gradient.output.withUnsafeMutableBufferPointer { dw in
                for t in 0..<steps {
                    BLAS.gemm(transposeA: true, m: kOut, n: n, k: bs, dy.baseAddress! + t * bs * kOut, lda: kOut,
                              pass.states + ((t + 1) * s) * block, ldb: n, beta: 1, dw.baseAddress!, ldc: n)
                }
            }
        }
        return gradient
    }
}
