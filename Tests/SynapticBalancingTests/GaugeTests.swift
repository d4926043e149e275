import SynapticBalancing
import Testing

/// The gauge of h (docs/reducible-networks.md "Gauge"): every solver returns mean h = 0 on each
/// connected component of the cost graph, the point the flow from h = 0 keeps.
@Suite("the gauge: mean h = 0 on each connected component of the cost graph")
struct GaugeTests {
    static let solvers: [BalancingSolver] = [.newton, .osborneCyclic, .osborneRandomized(seed: 3),
                                             .flow(.dormandPrince(relativeTolerance: 1e-10), .logScalesOnly)]

    /// Blocks {0, 1} and {2, 3, 4} joined by one synapse 1 -> 2 (on no cycle), and a separate pair {5, 6}.
    static func network() throws -> DenseMatrix {
        var j = DenseMatrix(rows: 7, columns: 7)
        for (post, pre, w) in [(1, 0, 3.0), (0, 1, 0.5), (2, 1, 4.0), (3, 2, 2.0), (4, 3, 0.25), (2, 4, 8.0), (6, 5, 10.0), (5, 6, 0.1)] {
            j.elements[post * 7 + pre] = w
        }
        return j
    }

    @Test("reducible and disconnected: mean h = 0 on {0..4} and on {5, 6} for every solver", arguments: solvers)
    func meanZeroPerComponent(solver: BalancingSolver) throws {
        let j = try Self.network()
        var options = BalancingOptions()
        options.tolerance = 1e-9
        options.maxTime = 20
        let result = try balance(j, cost: try CostModel(exponent: 2, weighting: .uniform), solver: solver, options: options)
        let h = result.logScales
        #expect(abs(h[0..<5].reduce(0, +)) < 1e-9, "\(h)")
        #expect(abs(h[5] + h[6]) < 1e-12, "\(h)")
        // The pair balances: 100 e^{2 (h5 - h6)} = 0.01 e^{2 (h6 - h5)}, so h6 - h5 = ln 10.
        #expect(abs(h[6] - h[5] - 2.302585092994046) < 1e-6, "\(h)")  // ln 10
        #expect(result.finalCost <= result.initialCost)
    }

    @Test("the recorded path of Newton and Osborne ends at the returned point (offsets and gauge applied to every point)",
          arguments: [BalancingSolver.newton, .osborneCyclic, .osborneRandomized(seed: 3)])
    func recordedPathEndsAtTheResult(solver: BalancingSolver) throws {
        var options = BalancingOptions()
        options.tolerance = 1e-9
        options.recordPath = true
        options.recordWeights = true
        let j = try Self.network()
        let result = try balance(j, cost: try CostModel(exponent: 2, weighting: .uniform), solver: solver, options: options)
        let last = try #require(result.path.last)
        for i in 0..<7 { #expect(abs(last.logScales[i] - result.logScales[i]) < 1e-12, "h[\(i)]: \(last.logScales) vs \(result.logScales)") }
        let weights = try #require(last.weights)
        for k in 0..<49 {
            let scale = max(abs(result.balancedWeights.elements[k]), 1e-300)
            #expect(abs(weights[k] - result.balancedWeights.elements[k]) <= 1e-12 * scale, "J[\(k / 7), \(k % 7)]")
        }
        // The shift is one constant per strongly connected component, so the balanced costs of each point stay the solver's.
        let first = try #require(result.path.first)
        #expect(abs(first.logScales[0] - first.logScales[1]) < 1e-12 && abs(first.logScales[5] - first.logScales[6]) < 1e-12)
    }

    @Test("a synapse with alpha = 0 joins no component: each side keeps its own mean 0")
    func zeroAlphaSplitsComponents() throws {
        // 0 <-> 1 and 2 <-> 3 joined by J_21 = 5 with alpha_21 = 0 (a silent presynaptic neuron would do this).
        var j = DenseMatrix(rows: 4, columns: 4)
        for (post, pre, w) in [(1, 0, 2.0), (0, 1, 0.5), (3, 2, 6.0), (2, 3, 1.5), (2, 1, 5.0)] { j.elements[post * 4 + pre] = w }
        var alpha = DenseMatrix(rows: 4, columns: 4, repeating: 1)
        alpha.elements[2 * 4 + 1] = 0
        let result = try balance(j, cost: try CostModel(exponent: 2, weighting: .full(alpha)), solver: .newton)
        let h = result.logScales
        #expect(abs(h[0] + h[1]) < 1e-12 && abs(h[2] + h[3]) < 1e-12, "\(h)")
    }
}
