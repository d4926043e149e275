import Foundation
import Testing
import SynapticBalancing

@Suite("networks, transform and simulation")
struct NetworkTests {
    static func network(_ n: Int = 8, seed: UInt64 = 3, nonlinearity: Nonlinearity = .relu) throws -> RecurrentNetwork {
        var normal = NormalSampler(seed: seed)
        let j = randomMatrix(n, seed: seed &+ 1, scale: 1.5)
        let win = try DenseMatrix(rows: n, columns: 2, elements: (0..<(2 * n)).map { _ in normal.next() })
        let wout = try DenseMatrix(rows: 3, columns: n, elements: (0..<(3 * n)).map { _ in normal.next() })
        return try RecurrentNetwork(recurrentWeights: j, inputWeights: win, outputWeights: wout,
                                    bias: (0..<n).map { _ in 0.1 * normal.next() }, timeConstant: 1, timeStep: 0.1,
                                    nonlinearity: nonlinearity)
    }

    @Test("balanced() reuses the solver's D^-1 J D: the network equals transformed(byLogScales:) bit for bit",
          arguments: [BalancingSolver.newton, .osborneCyclic, .flow(.rungeKutta4(step: 0.01), .logScalesOnly)], [1.0, 0.3])
    func balancedEqualsTransformed(solver: BalancingSolver, density: Double) throws {
        var network = try Self.network(12, seed: 21)
        network.recurrentWeights = randomMatrix(12, seed: 22, density: density, scale: 2)  // 0.3: reducible
        let (balanced, result) = try network.balanced(cost: try CostModel(exponent: 2, weighting: .uniform), solver: solver)
        #expect(balanced == (try network.transformed(byLogScales: result.logScales)))
        #expect(balanced.recurrentWeights == result.balancedWeights)
    }

    static func inputs(_ t: Int, seed: UInt64 = 11) -> [[Double]] {
        var normal = NormalSampler(seed: seed)
        return (0..<t).map { _ in [normal.next(), normal.next()] }
    }

    @Test("bad shapes, NaN, tau and dt are rejected with messages naming the field")
    func validation() throws {
        let good = try Self.network(4)
        func make(j: DenseMatrix? = nil, win: DenseMatrix? = nil, wout: DenseMatrix? = nil, b: [Double]? = nil,
                  tau: Double = 1, dt: Double = 0.1) throws -> RecurrentNetwork {
            try RecurrentNetwork(recurrentWeights: j ?? good.recurrentWeights, inputWeights: win ?? good.inputWeights,
                                 outputWeights: wout ?? good.outputWeights, bias: b ?? good.bias,
                                 timeConstant: tau, timeStep: dt, nonlinearity: .relu)
        }
        #expect(throws: BalancingError.shapeMismatch("recurrentWeights is 4 x 3, expected a square matrix")) {
            try make(j: DenseMatrix(rows: 4, columns: 3))
        }
        #expect(throws: BalancingError.shapeMismatch("inputWeights has 3 rows, expected 4 (neurons)")) {
            try make(win: DenseMatrix(rows: 3, columns: 2))
        }
        #expect(throws: BalancingError.shapeMismatch("outputWeights has 5 columns, expected 4 (neurons)")) {
            try make(wout: DenseMatrix(rows: 3, columns: 5))
        }
        #expect(throws: BalancingError.shapeMismatch("bias has 2 entries, expected 4 (neurons)")) { try make(b: [0, 0]) }
        var nan = good.recurrentWeights
        nan[2, 1] = .nan
        #expect(throws: BalancingError.nonFinite(field: "recurrentWeights", index: 9)) { try make(j: nan) }
        #expect(throws: BalancingError.nonFinite(field: "bias", index: 3)) { try make(b: [0, 0, 0, .infinity]) }
        #expect(throws: BalancingError.self) { try make(tau: 0) }
        #expect(throws: BalancingError.self) { try make(dt: -1) }
        #expect(throws: BalancingError.self) { try make(dt: .nan) }
        #expect(throws: MatrixShapeError("matrix of 2 x 2 needs 4 elements, got 3")) {
            try DenseMatrix(rows: 2, columns: 2, elements: [1, 2, 3])
        }
        #expect(throws: MatrixShapeError("row 1 has 1 entries, expected 2 (like row 0)")) {
            try DenseMatrix([[1, 2], [3]])
        }
        #expect(try make(dt: 0.5).timeStep == 0.5)
        let message = BalancingError.nonFinite(field: "bias", index: 3).description
        #expect(message.contains("bias") && message.contains("3"))
    }

    @Test("transform by d: J_ij d_j / d_i, W_in / d_i, W_out d_j; bad scales and tanh are refused")
    func transform() throws {
        let net = try Self.network(4)
        let d = [1.0, 2.0, 0.5, 4.0]
        let t = try net.transformed(byScales: d)
        for i in 0..<4 {
            for j in 0..<4 { #expect(t.recurrentWeights[i, j] == net.recurrentWeights[i, j] * d[j] / d[i]) }
            #expect(t.bias[i] == net.bias[i] / d[i])
            for c in 0..<2 { #expect(t.inputWeights[i, c] == net.inputWeights[i, c] / d[i]) }
            for k in 0..<3 { #expect(t.outputWeights[k, i] == net.outputWeights[k, i] * d[i]) }
        }
        #expect(throws: BalancingError.invalidParameter("scale d[2] = 0.0 must be > 0")) {
            try net.transformed(byScales: [1, 1, 0, 1])
        }
        #expect(throws: BalancingError.nonFinite(field: "scales", index: 1)) { try net.transformed(byScales: [1, .nan, 1, 1]) }
        #expect(throws: BalancingError.shapeMismatch("scales d have 3 entries, expected 4 (neurons)")) {
            try net.transformed(byScales: [1, 1, 1])
        }
        let tanhNet = try Self.network(4, nonlinearity: .tanh)
        #expect(throws: BalancingError.self) { try tanhNet.transformed(byScales: d) }
        #expect(throws: BalancingError.self) {
            try tanhNet.balanced(cost: CostModel(), solver: .newton)
        }
    }

    @Test("noisy simulation is reproducible for a seed and differs between seeds")
    func reproducibleNoise() throws {
        let net = try Self.network()
        let u = Self.inputs(50)
        let x0 = [Double](repeating: 0.1, count: 8)
        let a = try net.simulate(inputs: u, initialState: x0, noise: NoiseModel(standardDeviation: 0.3, seed: 42))
        let b = try net.simulate(inputs: u, initialState: x0, noise: NoiseModel(standardDeviation: 0.3, seed: 42))
        let c = try net.simulate(inputs: u, initialState: x0, noise: NoiseModel(standardDeviation: 0.3, seed: 43))
        let clean = try net.simulate(inputs: u, initialState: x0)
        #expect(a == b)
        #expect(a != c)
        #expect(a != clean)
        #expect(a.states.count == 51 && a.outputs.count == 50 && a.outputs[0].count == 3)
        // the first step by hand: x1 = x0 + (dt/tau)(-x0 + J phi(x0) + W_in u0 + b)
        let phi0 = x0.map { max($0, 0) }
        let drive = net.recurrentWeights.multiplied(by: phi0)
        let input = net.inputWeights.multiplied(by: u[0])
        for i in 0..<8 {
            let expected = x0[i] + 0.1 * (-x0[i] + drive[i] + input[i] + net.bias[i])
            #expect(abs(clean.states[1][i] - expected) <= 1e-15 * max(1, abs(expected)))
        }
        let y1 = net.outputWeights.multiplied(by: clean.states[1].map { max($0, 0) })
        #expect(maxAbsDifference(y1, clean.outputs[0]) <= 1e-15)
        // Box-Muller deviates: mean about 0 and variance about 1
        var sampler = NormalSampler(seed: 1)
        let z = (0..<20000).map { _ in sampler.next() }
        let mean = z.reduce(0, +) / 20000
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        #expect(throws: BalancingError.shapeMismatch("inputs[0] has 1 entries, expected 2 (inputs)")) {
            try net.simulate(inputs: [[1]], initialState: x0)
        }
    }

    @Test("balanced and original networks give the same deterministic outputs (1e-12 relative)",
          arguments: [Nonlinearity.relu, .leakyReLU(slope: 0.2), .linear])
    func balancedOutputsAgree(_ phi: Nonlinearity) throws {
        let net = try Self.network(10, seed: 5, nonlinearity: phi)
        let gains = try net.meanGains(inputs: [Self.inputs(40), Self.inputs(40, seed: 12)],
                                      initialStates: [[Double](repeating: 0.2, count: 10), [Double](repeating: -0.1, count: 10)],
                                      noise: NoiseModel(standardDeviation: 0.1, seed: 1))
        for cost in [try CostModel(), try CostModel.robustness(gains: gains), try CostModel(exponent: 1)] {
            let (balanced, result) = try net.balanced(cost: cost, solver: .newton)
            #expect(result.converged)
            #expect(balanced.recurrentWeights == result.balancedWeights)
            let u = Self.inputs(100, seed: 99)
            let x0 = (0..<10).map { Double($0) / 10 - 0.4 }
            let original = try net.simulate(inputs: u, initialState: x0)
            let transformed = try balanced.simulate(inputs: u, initialState: try net.transformedState(x0, byLogScales: result.logScales))
            let scale = original.outputs.flatMap { $0 }.map { abs($0) }.max()!
            for t in 0..<100 {
                #expect(maxAbsDifference(original.outputs[t], transformed.outputs[t]) <= 1e-12 * scale)
            }
            // hidden states: x~ = D^-1 x
            let mapped = try net.transformedState(original.states[100], byLogScales: result.logScales)
            #expect(maxAbsDifference(mapped, transformed.states[100]) <= 1e-12 * max(1, mapped.map { abs($0) }.max()!))
        }
    }

    @Test("mean gains: the fraction of time steps with x_j > 0 for ReLU, 1 for linear")
    func meanGains() throws {
        let net = try Self.network(6, seed: 8)
        let u = [Self.inputs(30), Self.inputs(30, seed: 77)]
        let x0 = [[Double](repeating: 0.1, count: 6), [Double](repeating: -0.3, count: 6)]
        let r = try net.meanGains(inputs: u, initialStates: x0, noise: nil)
        let trials = try net.simulateTrials(inputs: u, initialStates: x0, noise: nil)
        for j in 0..<6 {
            let positive = trials.flatMap { $0.states.dropFirst() }.filter { $0[j] > 0 }.count
            #expect(r[j] == Double(positive) / 60)
        }
        var linear = net
        linear.nonlinearity = .linear
        #expect(try linear.meanGains(inputs: u, initialStates: x0, noise: nil) == [Double](repeating: 1, count: 6))
        #expect(throws: BalancingError.self) { try net.meanGains(inputs: u, initialStates: [x0[0]], noise: nil) }
    }
}
