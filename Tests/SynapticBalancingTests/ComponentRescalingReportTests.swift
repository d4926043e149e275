import Testing
@testable import SynapticBalancing

/// Costs beyond [1e-100, 1e100] are rescaled by one factor per connected component before the solver
/// runs; with several components the solver's |g|/C is not the network's, so the reported |g|/C and
/// `converged` must be those of the returned network.
@Suite("|g|/C reported on networks rescaled per component")
struct ComponentRescalingReportTests {
    /// Two disjoint copies of a strongly connected 30-neuron network, the second scaled by 1e-120.
    static func twoComponents() -> SparseMatrix {
        let block = randomMatrix(30, seed: 5, density: 0.3)
        var J = DenseMatrix(rows: 60, columns: 60)
        for i in 0..<30 {
            for j in 0..<30 where i != j {
                let v = block[i, j] != 0 ? block[i, j] : (j == (i + 1) % 30 ? 0.7 : 0)
                J[i, j] = v
                J[30 + i, 30 + j] = v * 1e-120
            }
        }
        return SparseMatrix(J)
    }

    @Test("the reported |g|/C is that of the written weights, and converged means it is within the tolerance",
          arguments: [BalancingSolver.osborneCyclic, .newton])
    func reportedImbalanceIsTheNetworks(solver: BalancingSolver) throws {
        let cost = try CostModel()
        var options = BalancingOptions()
        options.tolerance = 1e-8
        let result = try balance(Self.twoComponents(), cost: cost, solver: solver, options: options)
        let (c, g) = try cost.costAndImbalance(of: result.balancedWeights)
        let actual = euclideanNorm(g) / c
        #expect(abs(result.relativeImbalance - actual) <= 1e-6 * actual, "reported \(result.relativeImbalance), written \(actual)")
        #expect(!result.converged || actual <= options.tolerance, "converged with |g|/C = \(actual)")
        #expect(result.finalCost <= result.initialCost)
    }
}
