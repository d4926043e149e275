import SynapticBalancing
import Testing

/// The worked example of the DocC article "Balancing a network" (SynapticBalancing.docc), run as written.
@Suite struct DocumentationExampleTests {
    @Test func balancingANetwork() throws {
        let network = try RecurrentNetwork(
            recurrentWeights: DenseMatrix([[0, 4], [1, 0]]),
            inputWeights: DenseMatrix([[1], [0]]),
            outputWeights: DenseMatrix([[1, 1]]),
            bias: [0, 0], timeConstant: 1, timeStep: 0.1, nonlinearity: .relu)

        let (balanced, result) = try network.balanced(cost: try CostModel(exponent: 2), solver: .newton)
        #expect(result.converged && result.relativeImbalance <= 1e-10)
        #expect(abs(result.finalCost - 8) <= 1e-12)
        #expect(abs(balanced.recurrentWeights[0, 1] - 2) <= 1e-12 && abs(balanced.recurrentWeights[1, 0] - 2) <= 1e-12)

        let inputs: [[Double]] = [[1], [0], [-1], [2]]
        let before = try network.simulate(inputs: inputs, initialState: [0, 0])
        let after = try balanced.simulate(inputs: inputs, initialState: [0, 0])
        for (a, b) in zip(before.outputs.joined(), after.outputs.joined()) { #expect(abs(a - b) <= 1e-12) }
    }
}
