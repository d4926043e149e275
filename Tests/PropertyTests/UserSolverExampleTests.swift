// The README example: checking your own solver with BalancingTesting.
import BalancingTesting
import Foundation
import PropertyBased
import SynapticBalancing
import Testing

/// A user's solver, written without SynapticBalancing's solvers: Osborne sweeps
/// h_i += log(in_i / out_i) / (2p) until |g| / C <= 1e-12 (or 20 000 sweeps); returns h.
func myOsborneSolver(_ J: DenseMatrix, _ cost: CostModel) throws -> [Double] {
    let n = J.rows, p = cost.exponent
    let c0 = try cost.costs(of: J)
    var h = [Double](repeating: 0, count: n)
    for _ in 0..<20_000 {
        for i in 0..<n {
            var incoming = 0.0, outgoing = 0.0
            for j in 0..<n where j != i {
                incoming += c0[i, j] * exp(p * (h[j] - h[i]))
                outgoing += c0[j, i] * exp(p * (h[i] - h[j]))
            }
            if incoming > 0 && outgoing > 0 { h[i] += log(incoming / outgoing) / (2 * p) }
        }
        let balanced = try J.transformed(byLogScales: h)
        let g = try cost.imbalance(of: balanced)
        let total = try cost.totalCost(of: balanced)
        if g.map({ $0 * $0 }).reduce(0, +).squareRoot() <= 1e-12 * total { break }
    }
    return h
}

extension DenseMatrix {
    /// D^-1 J D with d = exp(h).
    func transformed(byLogScales h: [Double]) throws -> DenseMatrix {
        var out = self
        for i in 0..<rows { for j in 0..<columns where i != j { out[i, j] = self[i, j] * exp(h[j] - h[i]) } }
        return out
    }
}

@Suite(.shrinking) struct UserSolverExampleTests {
    @Test func mySolverBalancesExactly() async {
        let count = PropertyTestConfiguration.environment.count / 5   // SBAL_PROPERTY_COUNT, default 100
        await propertyCheck(count: count, input: NetworkGenerators.networksWithFiniteOptimum(maximumNeuronCount: 6, exponent: 2)) { sample in
            FailureReporting.expectProperty(sample, "my solver balances") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                try BalanceCertificateChecker.check(J, cost: cost, tolerance: 1e-9) { J, cost in
                    try myOsborneSolver(J, cost)
                }
            }
        }
    }
}
