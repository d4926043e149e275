import Foundation
import Testing
import SynapticBalancing

@Suite("solvers")
struct SolverTests {
    static let solvers: [BalancingSolver] = [
        .newton, .osborneCyclic, .osborneRandomized(seed: 7),
        .flow(.dormandPrince(relativeTolerance: 1e-13), .logScalesOnly),
        .flow(.dormandPrince(relativeTolerance: 1e-13), .weightsAndLogScales),
        .flow(.rungeKutta4(step: 0.001), .logScalesOnly),
    ]

    @Test("every solver balances a dense random network and they agree on h up to gauge")
    func allSolversAgree() throws {
        let j = randomMatrix(12, seed: 1)
        for p in [1.0, 2.0, 3.0] {
            let cost = try CostModel(exponent: p)
            var reference: [Double]?
            for solver in Self.solvers {
                var options = BalancingOptions()
                options.tolerance = 1e-11
                let r = try balance(j, cost: cost, solver: solver, options: options)
                #expect(r.converged, "\(solver) p = \(p)")
                #expect(r.unboundedSynapses.isEmpty)
                #expect(r.finalCost < r.initialCost)
                if case .flow(_, .weightsAndLogScales) = solver {
                    #expect(try relativeImbalance(r.balancedWeights, cost) < 1e-9)
                } else {
                    #expect(try relativeImbalance(r.balancedWeights, cost) < 1e-8, "\(solver) p = \(p)")
                }
                let h = centred(r.logScales)
                if let reference {
                    #expect(maxAbsDifference(h, reference) < 1e-6, "\(solver) p = \(p)")
                } else {
                    reference = h
                }
            }
        }
    }

    @Test("two reciprocal neurons: equilibrium c12 = c21 = sqrt(c12 c21)")
    func reciprocalPair() throws {
        let j = try DenseMatrix([[0, 3], [0.5, 0]])
        for p in [1.0, 2.0, 4.0] {
            let cost = try CostModel(exponent: p)
            let c12 = pow(3.0, p), c21 = pow(0.5, p)
            for solver in Self.solvers {
                let r = try balance(j, cost: cost, solver: solver)
                let c = try cost.costs(of: r.balancedWeights)
                let geometric = (c12 * c21).squareRoot()
                #expect(abs(c[0, 1] - geometric) <= 1e-8 * geometric, "\(solver) p = \(p)")
                #expect(abs(c[1, 0] - geometric) <= 1e-8 * geometric, "\(solver) p = \(p)")
                // h2 - h1 = log(c12 / c21) / (2p): from c12 e^{p(h2 - h1)} = c21 e^{p(h1 - h2)}
                let expected = log(c21 / c12) / (2 * p)
                #expect(abs((r.logScales[1] - r.logScales[0]) - expected) < 1e-8, "\(solver)")
                #expect(abs(r.logScales[0] + r.logScales[1]) < 1e-12, "gauge: mean zero")
            }
        }
    }

    @Test("a single one-way synapse is reported unbounded, nothing hangs or turns NaN")
    func oneWaySynapse() throws {
        let j = try DenseMatrix([[0, 2], [0, 0]])
        let cost = try CostModel()
        for solver in Self.solvers {
            let r = try balance(j, cost: cost, solver: solver)
            #expect(r.unboundedSynapses == [SynapseIndex(post: 0, pre: 1)])
            #expect(r.unboundedNeurons == [0, 1])
            #expect(r.logScales.allSatisfy { $0.isFinite })
            #expect(r.infimumCost == 0)
            #expect(r.balancedWeights.elements.allSatisfy { $0.isFinite })
        }
        var strict = BalancingOptions()
        strict.unboundedPolicy = .reject
        #expect(throws: BalancingError.unboundedOptimum(neurons: [0, 1], synapses: [SynapseIndex(post: 0, pre: 1)])) {
            try balance(j, cost: cost, solver: .newton, options: strict)
        }
    }
}

@Suite("solver details")
struct SolverDetailTests {
    @Test("randomized Osborne is reproducible for a seed; paths are recorded per iteration")
    func reproducibleAndRecorded() throws {
        let j = randomMatrix(15, seed: 12, density: 0.5)
        let model = try CostModel(exponent: 2)
        var options = BalancingOptions()
        options.recordPath = true
        options.recordWeights = true
        let a = try balance(j, cost: model, solver: .osborneRandomized(seed: 99), options: options)
        let b = try balance(j, cost: model, solver: .osborneRandomized(seed: 99), options: options)
        #expect(a.logScales == b.logScales && a.iterations == b.iterations)
        #expect(a.path.count == a.iterations + 1)
        #expect(abs(a.path.first!.cost - a.initialCost) <= 1e-14 * a.initialCost)
        #expect(a.path.last!.weights! == a.balancedWeights.elements)
        for (x, y) in zip(a.path, a.path.dropFirst()) {
            #expect(y.cost <= x.cost * (1 + 1e-14), "each exact coordinate minimisation lowers C")
        }
        let newton = try balance(j, cost: model, solver: .newton, options: options)
        #expect(newton.path.count == newton.iterations + 1)
        #expect(newton.path.last!.imbalanceNorm / newton.path.last!.cost <= 1e-10)
        #expect(maxAbsDifference(centred(newton.logScales), centred(a.logScales)) < 1e-7)
    }

    @Test("isolated neurons and an empty network keep h = 0")
    func trivialNetworks() throws {
        let empty = try balance(DenseMatrix(rows: 0, columns: 0), cost: CostModel(), solver: .newton)
        #expect(empty.logScales.isEmpty && empty.converged)
        let diagonalOnly = try DenseMatrix([[2, 0, 0], [0, -1, 0], [0, 0, 0]])
        for solver in SolverTests.solvers {
            let r = try balance(diagonalOnly, cost: CostModel(), solver: solver)
            #expect(r.logScales == [0, 0, 0] && r.converged && r.finalCost == 5, "\(solver)")
        }
    }
}

@Suite("hidden scaling")
struct HiddenScalingTests {
    @Test("a symmetric (hence balanced) matrix hidden by a wide diagonal similarity is recovered by every solver")
    func recoversHiddenScaling() throws {
        let n = 20
        let random = randomMatrix(n, seed: 17, density: 0.5)
        var b = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { b[i, j] = random[min(i, j), max(i, j)] } }  // symmetric: in = out for p = 2
        var uniform = SeededGenerator(seed: 4)
        let hidden = centred((0..<n).map { _ in 10 * uniform.nextUniform() - 5 })
        var j = b
        for r in 0..<n { for c in 0..<n { j[r, c] = b[r, c] * exp(hidden[r] - hidden[c]) } }  // D0 B D0^-1
        let model = try CostModel(exponent: 2)
        // fixed-step RK4 is left out: costs up to e^20 put its step far beyond the stability limit (it throws)
        #expect(throws: BalancingError.self) { try balance(j, cost: model, solver: .flow(.rungeKutta4(step: 0.001), .logScalesOnly)) }
        for solver in SolverTests.solvers.dropLast() {
            let result = try balance(j, cost: model, solver: solver)
            #expect(result.converged, "\(solver)")
            #expect(maxAbsDifference(centred(result.logScales), hidden) < 1e-6, "\(solver)")
            #expect(maxAbsDifference(result.balancedWeights.elements, b.elements) < 1e-6 * 1, "\(solver)")
        }
    }
}
