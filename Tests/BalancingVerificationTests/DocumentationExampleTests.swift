import BalancingVerification
import Rationals
import Testing

/// The worked example of the DocC article "Certifying a balanced network" (BalancingVerification.docc).
@Suite struct DocumentationExampleTests {
    @Test func certifyingABalancedNetwork() throws {
        let network = try ExactNetwork(
            recurrentWeights: Matrix([[0, 4], [1, 0]]), inputWeights: Matrix([[1], [0]]),
            outputWeights: Matrix([[1, 1]]), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        let cost = try ExactCostModel(exponent: 2)
        let claims = Claim.standardSet(for: network, cost: cost, scales: [1, Rational(1, 2)],
                                       trial: (inputs: [[1], [0], [-1]], initialState: [0, 1]))
        let certificate = try Certificate(network: network, claims: claims)
        let data = try certificate.jsonData()
        let recheck = try Certificate(jsonData: data).recheck()
        #expect(recheck.verdict == .verified && recheck.reproduced)
        #expect(recheck.summary.hasSuffix("certificate verified"))

        let unbalanced = Claim.standardSet(for: network, cost: cost, scales: [1, 1],
                                           trial: (inputs: [[1], [0], [-1]], initialState: [0, 1]))
        let rejected = try Certificate(network: network, claims: unbalanced).recheck()
        #expect(rejected.verdict != .verified)
    }
}
