import SynapticBalancing
import Testing
@testable import Training

/// The task's scale (in the reference code an always-zero output has RMSE about 20.7) and BPTT against central differences.
struct GradientTests {
    @Test func zeroOutputRootMeanSquareMatchesTheReference() throws {
        let task = try ContextDependentIntegrationTask()
        var sampler = NormalSampler(seed: 3)
        var total = 0.0
        for _ in 0..<20 {
            let batch = task.batch(using: &sampler)
            total += (batch.targets.reduce(0) { $0 + $1 * $1 } / Double(batch.targets.count)).squareRoot()
        }
        #expect(abs(total / 20 - 20.7) < 0.5)
    }

    @Test func backpropagationMatchesCentralDifferences() throws {
        let task = try ContextDependentIntegrationTask(stepCount: 4)
        let model = try StateReadoutModel(substeps: 3)
        var sampler = NormalSampler(seed: 11)
        let batch = task.batch(using: &sampler)
        var p = try NetworkParameters.randomInitial(neurons: 5, inputs: 6, outputs: 2, seed: 7)
        for i in p.bias.indices { p.bias[i] = 0.1 * Double(i) - 0.2 }
        let analytic = try model.lossAndGradient(p, batch: batch).gradient
        let eps = 1e-6
        func loss(_ q: NetworkParameters) throws -> Double { try model.lossAndGradient(q, batch: batch).loss }
        var worst = 0.0
        for block in 0..<4 {
            let count = [p.recurrent.count, p.input.count, p.output.count, p.bias.count][block]
            for e in 0..<count {
                var plus = p, minus = p
                switch block {
                case 0: plus.recurrent[e] += eps; minus.recurrent[e] -= eps
                case 1: plus.input[e] += eps; minus.input[e] -= eps
                case 2: plus.output[e] += eps; minus.output[e] -= eps
                default: plus.bias[e] += eps; minus.bias[e] -= eps
                }
                let numeric = (try loss(plus) - loss(minus)) / (2 * eps)
                let value = [analytic.recurrent, analytic.input, analytic.output, analytic.bias][block][e]
                worst = max(worst, abs(numeric - value) / max(1, abs(value)))
            }
        }
        #expect(worst < 1e-6)
    }
}
