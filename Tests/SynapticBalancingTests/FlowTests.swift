import Foundation
import Testing
import SynapticBalancing

@Suite("flow integrators")
struct FlowTests {
    /// C(h) = sum_ij c_ij e^{p (h_j - h_i)} straight from the definition.
    static func cost(_ j: DenseMatrix, _ model: CostModel, _ h: [Double]) throws -> Double {
        let c = try model.costs(of: j)
        var total = 0.0
        for a in 0..<j.rows { for b in 0..<j.rows { total += c[a, b] * exp(model.exponent * (h[b] - h[a])) } }
        return total
    }

    @Test("one synapse: c(t) = c0 / (1 + 2 p c0 t) along RK4 and Dormand-Prince paths, in both forms")
    func oneSynapseClosedForm() throws {
        let j = try DenseMatrix([[0, 1.5], [0, 0]])
        for p in [1.0, 2.0, 3.0] {
            let model = try CostModel(exponent: p)
            let c0 = pow(1.5, p)
            var options = BalancingOptions()
            options.unboundedPolicy = .followFlow
            options.recordPath = true
            options.recordWeights = true
            options.maxTime = 5
            let cases: [(FlowIntegrator, Double)] = [(.rungeKutta4(step: 0.002), 1e-8), (.dormandPrince(relativeTolerance: 1e-10), 1e-7)]
            for (integrator, accuracy) in cases {
                for form in [FlowForm.logScalesOnly, .weightsAndLogScales] {
                    let r = try balance(j, cost: model, solver: .flow(integrator, form), options: options)
                    #expect(!r.converged)
                    #expect(r.unboundedSynapses == [SynapseIndex(post: 0, pre: 1)])
                    #expect(abs(r.path.last!.time - 5) < 1e-12)
                    #expect(r.path.count > 3)
                    for point in r.path {
                        let exact = c0 / (1 + 2 * p * c0 * point.time)
                        #expect(abs(point.cost - exact) <= accuracy * exact, "\(integrator) \(form) p = \(p) t = \(point.time)")
                        #expect(abs(point.imbalanceNorm - exact * 2.0.squareRoot()) <= accuracy * exact)
                        #expect(abs(abs(point.weights![1]) - pow(exact, 1 / p)) <= accuracy * 10)
                    }
                }
            }
        }
    }

    @Test("dC/dt = -p |g|^2, checked by central finite differences along dh = g")
    func costDerivative() throws {
        let j = randomMatrix(7, seed: 21, density: 0.6)
        for p in [1.0, 2.0, 3.5] {
            let model = try CostModel(exponent: p)
            let h = (0..<7).map { 0.1 * Double($0 % 3) - 0.1 }
            let shifted = try DenseMatrix(rows: 7, columns: 7, elements: (0..<49).map { k in
                j.elements[k] * exp(h[k % 7] - h[k / 7])
            })
            let g = try model.imbalance(of: shifted)
            let epsilon = 1e-5
            let plus = try Self.cost(j, model, zip(h, g).map { $0 + epsilon * $1 })
            let minus = try Self.cost(j, model, zip(h, g).map { $0 - epsilon * $1 })
            let derivative = (plus - minus) / (2 * epsilon)
            let predicted = -p * g.map { $0 * $0 }.reduce(0, +)
            #expect(abs(derivative - predicted) <= 1e-6 * abs(predicted), "p = \(p)")
        }
    }

    @Test("observed orders: Euler about 1, RK4 about 4")
    func integratorOrders() throws {
        let j = randomMatrix(5, seed: 4)
        let model = try CostModel(exponent: 2)
        var reference = BalancingOptions()
        reference.maxTime = 1
        reference.tolerance = 0
        let exact = try balance(j, cost: model, solver: .flow(.rungeKutta4(step: 1.0 / 4096), .logScalesOnly), options: reference).logScales
        func error(_ integrator: FlowIntegrator) throws -> Double {
            let h = try balance(j, cost: model, solver: .flow(integrator, .logScalesOnly), options: reference).logScales
            return maxAbsDifference(h, exact)
        }
        let eulerOrder = log2(try error(.euler(step: 1.0 / 64)) / error(.euler(step: 1.0 / 128)))
        let rk4Order = log2(try error(.rungeKutta4(step: 1.0 / 16)) / error(.rungeKutta4(step: 1.0 / 32)))
        #expect(abs(eulerOrder - 1) < 0.15, "Euler observed order \(eulerOrder)")
        #expect(abs(rk4Order - 4) < 0.4, "RK4 observed order \(rk4Order)")
        // (J, h) form: the integrated J is close to, but not exactly on, the orbit D^-1 J0 D
        var options = BalancingOptions()
        options.maxTime = 1
        options.tolerance = 0
        let joint = try balance(j, cost: model, solver: .flow(.euler(step: 0.05), .weightsAndLogScales), options: options)
        let rebuilt = try RecurrentNetworkOrbit.weights(j, joint.logScales)
        let drift = maxAbsDifference(joint.balancedWeights.elements, rebuilt.elements)
        #expect(drift > 1e-10 && drift < 0.05)
        let onOrbit = try balance(j, cost: model, solver: .flow(.euler(step: 0.05), .logScalesOnly), options: options)
        #expect(maxAbsDifference(onOrbit.balancedWeights.elements, try RecurrentNetworkOrbit.weights(j, onOrbit.logScales).elements) < 1e-15)
    }

    @Test("the cost never increases along the h-only integrators, and a too-large step throws instead of NaN")
    func monotoneAndStability() throws {
        let j = randomMatrix(9, seed: 8, density: 0.7)
        let model = try CostModel()
        var options = BalancingOptions()
        options.recordPath = true
        for integrator in [FlowIntegrator.euler(step: 0.05), .rungeKutta4(step: 0.1), .dormandPrince(relativeTolerance: 1e-12)] {
            let r = try balance(j, cost: model, solver: .flow(integrator, .logScalesOnly), options: options)
            #expect(r.converged)
            for (a, b) in zip(r.path, r.path.dropFirst()) { #expect(b.cost <= a.cost * (1 + 1e-15), "\(integrator)") }
        }
        #expect(throws: BalancingError.self) {
            try balance(j, cost: model, solver: .flow(.euler(step: 50), .logScalesOnly))
        }
        var capped = BalancingOptions()
        capped.maxIterations = 3
        let r = try balance(j, cost: model, solver: .flow(.euler(step: 0.01), .logScalesOnly), options: capped)
        #expect(r.iterations == 3 && !r.converged)
    }
}

/// D^-1 J0 D for d = e^h, entry by entry.
enum RecurrentNetworkOrbit {
    static func weights(_ j: DenseMatrix, _ h: [Double]) throws -> DenseMatrix {
        let n = j.rows
        let d = h.map { exp($0) }
        return try DenseMatrix(rows: n, columns: n, elements: (0..<(n * n)).map { k in
            k / n == k % n ? j.elements[k] : j.elements[k] * d[k % n] * (1 / d[k / n])
        })
    }
}
