import Rationals
import SynapticBalancing
import Testing
@testable import Training

/// The Noether identities of training (docs/math.md, "Training and the balance condition", the Noether argument): the generator v_k of the
/// rescaling of neuron k, delta J_ij = (delta_jk - delta_ik) J_ij, delta W_in_ia = -delta_ik W_in_ia,
/// delta b_i = -delta_ik b_i, delta W_out_oj = delta_jk W_out_oj, is orthogonal to the gradient of any
/// rescaling-invariant loss. Checked exactly in rationals by forward-mode differentiation of a
/// fixed-horizon Euler MSE (a piecewise polynomial in theta), then in floats for the package's BPTT.
struct SymmetryIdentityTests {
    /// theta of the tiny network: N = 3, M = 2, K = 2, row-major like `NetworkParameters`.
    struct Theta {
        var j: [Rational], win: [Rational], wout: [Rational], b: [Rational]
    }

    static let n = 3, m = 2, k = 2, steps = 3, substeps = 2
    /// dt / tau = 1/10 (the reference's dt, tau = 1).
    static let h = Rational(1, 10)
    static let theta = Theta(
        j: [Rational(1, 2), Rational(-3, 4), Rational(5, 3), Rational(2, 5), Rational(1, 7), Rational(-6, 5), Rational(-1, 3), Rational(9, 8), Rational(3, 10)],
        win: [Rational(1), Rational(-1, 2), Rational(2, 3), Rational(3, 4), Rational(-5, 4), Rational(1, 6)],
        wout: [Rational(3, 5), Rational(-2, 7), Rational(4, 3), Rational(-1, 9), Rational(5, 2), Rational(1, 4)],
        b: [Rational(1, 5), Rational(-1, 10), Rational(-2, 3)])
    /// Inputs u_t (held for the substeps of step t) and targets y*_t.
    static let inputs: [[Rational]] = [[Rational(1), Rational(0)], [Rational(-1, 2), Rational(3, 2)], [Rational(2), Rational(-1)]]
    static let targets: [[Rational]] = [[Rational(1, 3), Rational(-1)], [Rational(0), Rational(2)], [Rational(3, 2), Rational(1, 2)]]

    /// The generator v_k at theta.
    static func generator(_ p: Theta, neuron kk: Int) -> Theta {
        var v = Theta(j: p.j.map { _ in 0 }, win: p.win.map { _ in 0 }, wout: p.wout.map { _ in 0 }, b: p.b.map { _ in 0 })
        for i in 0..<n {
            for jj in 0..<n {
                let coefficient = (jj == kk ? 1 : 0) - (i == kk ? 1 : 0)
                v.j[i * n + jj] = Rational(coefficient) * p.j[i * n + jj]
            }
        }
        for a in 0..<m { v.win[kk * m + a] = Rational(-1) * p.win[kk * m + a] }
        v.b[kk] = Rational(-1) * p.b[kk]
        for o in 0..<k { v.wout[o * n + kk] = p.wout[o * n + kk] }
        return v
    }

    /// The MSE loss L(theta) and its exact derivative along `direction`: the tangent dx is propagated
    /// through each Euler step x' = (1 - h) x + h (J phi(x) + W_in u + b), phi = ReLU, phi'(0) = 0, and
    /// the state readout y_t = W_out x after the substeps of step t; L = mean over t, o of (y - y*)^2.
    static func lossAndDirectionalDerivative(_ p: Theta, along d: Theta) -> (loss: Rational, derivative: Rational) {
        var x = [Rational](repeating: 0, count: n), dx = [Rational](repeating: 0, count: n)
        var loss = Rational(0), derivative = Rational(0)
        let keep = Rational(1) - h
        for t in 0..<steps {
            for _ in 0..<substeps {
                var next = [Rational](repeating: 0, count: n), dnext = [Rational](repeating: 0, count: n)
                for i in 0..<n {
                    var drive = p.b[i], ddrive = d.b[i]
                    for a in 0..<m { drive += p.win[i * m + a] * inputs[t][a]; ddrive += d.win[i * m + a] * inputs[t][a] }
                    for jj in 0..<n where x[jj] > 0 {  // phi(x_j) = x_j, phi'(x_j) = 1; else both 0
                        drive += p.j[i * n + jj] * x[jj]
                        ddrive += d.j[i * n + jj] * x[jj] + p.j[i * n + jj] * dx[jj]
                    }
                    next[i] = keep * x[i] + h * drive
                    dnext[i] = keep * dx[i] + h * ddrive
                }
                x = next; dx = dnext
            }
            for o in 0..<k {
                var y = Rational(0), dy = Rational(0)
                for jj in 0..<n { y += p.wout[o * n + jj] * x[jj]; dy += d.wout[o * n + jj] * x[jj] + p.wout[o * n + jj] * dx[jj] }
                let r = y - targets[t][o]
                loss += r * r
                derivative += Rational(2) * r * dy
            }
        }
        let count = Rational(steps * k)
        return (loss / count, derivative / count)
    }

    @Test func generatorIsExactlyOrthogonalToTheLossGradient() {
        for kk in 0..<Self.n {
            let (_, derivative) = Self.lossAndDirectionalDerivative(Self.theta, along: Self.generator(Self.theta, neuron: kk))
            #expect(derivative == Rational(0), "v_\(kk) . grad L = \(derivative)")
        }
    }

    /// Negative control: along a direction that is not a rescaling (J_01 alone) the derivative is not 0,
    /// and the data exercise both ReLU branches (some state is negative, some positive).
    @Test func genericDirectionHasNonzeroExactDerivative() {
        var direction = Self.generator(Self.theta, neuron: 0)
        direction.j = direction.j.map { _ in 0 }; direction.win = direction.win.map { _ in 0 }
        direction.wout = direction.wout.map { _ in 0 }; direction.b = direction.b.map { _ in 0 }
        direction.j[0 * Self.n + 1] = 1
        let (loss, derivative) = Self.lossAndDirectionalDerivative(Self.theta, along: direction)
        #expect(derivative != Rational(0))
        #expect(loss > Rational(0))
        // Both ReLU branches occur along the trajectory.
        var x = [Double](repeating: 0, count: Self.n), signs = Set<Bool>()
        let p = Self.floatParameters()
        for t in 0..<Self.steps {
            for _ in 0..<Self.substeps {
                var next = x
                for i in 0..<Self.n {
                    var drive = p.bias[i]
                    for a in 0..<Self.m { drive += p.input[i * Self.m + a] * Self.inputs[t][a].doubleValue }
                    for jj in 0..<Self.n { drive += p.recurrent[i * Self.n + jj] * max(x[jj], 0) }
                    next[i] = 0.9 * x[i] + 0.1 * drive
                }
                x = next
                for v in x where v != 0 { signs.insert(v > 0) }
            }
        }
        #expect(signs == [true, false])
    }

    /// v_k . grad_J |J|_F^2 = 2 (out_k - in_k) = -2 g_k with g the package's Frobenius imbalance, exactly.
    @Test func generatorAgainstTheFrobeniusPenaltyIsMinusTwiceTheImbalance() {
        let n = Self.n, j = Self.theta.j
        for kk in 0..<n {
            let v = Self.generator(Self.theta, neuron: kk)
            var product = Rational(0), incoming = Rational(0), outgoing = Rational(0)
            for e in 0..<(n * n) { product += v.j[e] * Rational(2) * j[e] }
            for jj in 0..<n { incoming += j[kk * n + jj] * j[kk * n + jj] }
            for i in 0..<n { outgoing += j[i * n + kk] * j[i * n + kk] }
            #expect(product == Rational(-2) * (incoming - outgoing))
        }
    }

    static func floatParameters() -> NetworkParameters {
        try! NetworkParameters(neuronCount: n, inputCount: m, outputCount: k, recurrent: theta.j.map(\.doubleValue),
                               input: theta.win.map(\.doubleValue), output: theta.wout.map(\.doubleValue), bias: theta.b.map(\.doubleValue))
    }

    /// The package's BPTT gradient (MSE and RMSE) is orthogonal to every v_k to rounding, on the tiny
    /// network and on a random N = 16 network on a CDI batch.
    @Test func floatGradientIsOrthogonalToTheGenerators() throws {
        func check(_ p: NetworkParameters, _ batch: TaskBatch, _ model: StateReadoutModel) throws {
            for loss in [TrainingLoss.meanSquare, .rootMeanSquare] {
                let g = try model.lossAndGradient(p, batch: batch, loss: loss).gradient
                #expect(g.globalNorm > 0)
                let n = p.neuronCount
                for kk in 0..<n {
                    var v = NetworkParameters.zeros(neurons: n, inputs: p.inputCount, outputs: p.outputCount)
                    for i in 0..<n { for jj in 0..<n { v.recurrent[i * n + jj] = Double((jj == kk ? 1 : 0) - (i == kk ? 1 : 0)) * p.recurrent[i * n + jj] } }
                    for a in 0..<p.inputCount { v.input[kk * p.inputCount + a] = -p.input[kk * p.inputCount + a] }
                    v.bias[kk] = -p.bias[kk]
                    for o in 0..<p.outputCount { v.output[o * n + kk] = p.output[o * n + kk] }
                    var dot = 0.0
                    for (a, b) in zip(v.blocks, g.blocks) { for (x, y) in zip(a, b) { dot += x * y } }
                    #expect(abs(dot) <= 1e-10 * v.globalNorm * g.globalNorm, "k = \(kk): v . grad = \(dot)")
                }
            }
        }
        let tiny = try TaskBatch(stepCount: Self.steps, batchSize: 1, inputCount: Self.m, outputCount: Self.k,
                                 inputs: Self.inputs.flatMap { $0.map(\.doubleValue) }, targets: Self.targets.flatMap { $0.map(\.doubleValue) })
        try check(Self.floatParameters(), tiny, try StateReadoutModel(substeps: Self.substeps))
        // The exact and float losses agree (the float model is the one the rational code differentiates).
        let exactLoss = Self.lossAndDirectionalDerivative(Self.theta, along: Self.generator(Self.theta, neuron: 0)).loss.doubleValue
        let floatLoss = try StateReadoutModel(substeps: Self.substeps).lossAndGradient(Self.floatParameters(), batch: tiny, loss: .meanSquare).loss
        #expect(abs(exactLoss - floatLoss) <= 1e-14 * exactLoss)

        let task = try ContextDependentIntegrationTask(stepCount: 10)
        var sampler = NormalSampler(seed: 5)
        var p = try NetworkParameters.randomInitial(neurons: 16, inputs: 6, outputs: 2, seed: 9)
        for i in p.bias.indices { p.bias[i] = 0.05 * Double(i % 5) - 0.1 }
        try check(p, task.batch(using: &sampler), try StateReadoutModel())
    }
}
