import BalancingVerification
import Rationals
import Testing

@Suite("Check 4: balance certificate")
struct BalanceCertificateTests {
    @Test("reciprocal pair: the equilibrium c01 = c10 = sqrt(c01 c10) = 4 is certified, optimum 8")
    func reciprocalPairBalanced() throws {
        // c01 = 16 (d1/d0)^2 and c10 = (d0/d1)^2 are equal at d = (1, 1/2): both 4.
        let report = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, Rational(1, 2)])
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(report.verdict == .verified)
        #expect(report.value(named: "imbalance g")?.exact == ["0", "0"])
        #expect(report.rational(named: "cost C") == 8)
        #expect(report.rational(named: "optimal cost lower bound") == 8)   // 2 sqrt(16 * 1), a perfect square
        #expect(report.rational(named: "optimal cost upper bound C(d)") == 8)
    }

    @Test("a cost exponent whose powers GMP cannot hold is an error naming the synapse, not an abort")
    func hugeExponent() throws {
        let cost = try ExactCostModel(exponent: 1_000_000_000_000)
        #expect(throws: VerificationError.self) {
            try BalanceCertificateCheck(cost: cost, scales: [1, 1]).run(onWeights: TestNetworks.reciprocalPair(2, 3))
        }
        do {
            _ = try cost.costs(of: TestNetworks.reciprocalPair(2, 3))
        } catch let error as VerificationError {
            #expect(error.description.contains("J[0,1]"), "\(error)")
        }
        // Entries of magnitude 1 have cost 1 for every p.
        let report = try BalanceCertificateCheck(cost: cost, scales: [1, 1]).run(onWeights: TestNetworks.reciprocalPair(-1, 1))
        #expect(report.verdict == .verified)
        #expect(report.rational(named: "cost C") == 2)
    }

    @Test("an unbalanced claim is rejected, naming the first neuron with g != 0")
    func unbalancedRejected() throws {
        let report = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1])
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(report.verdict == .failed)
        #expect(report.failure?.invariant.hasPrefix("g[0] = 0") == true)
        #expect(report.failure?.actual == "15")
        #expect(report.rational(named: "max |g_i| / C") == Rational(15, 17))
    }

    @Test("a tolerance claim |g| <= tol C is decided exactly")
    func toleranceClaim() throws {
        // |g|^2 = 450, C^2 = 289: tol = 1 fails (450 > 289), tol = 5/4 passes (450 <= 451.5625).
        let j = TestNetworks.reciprocalPair(4, 1)
        let tight = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1], relativeTolerance: 1).run(onWeights: j)
        #expect(tight.verdict == .failed)
        let loose = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1], relativeTolerance: Rational(5, 4)).run(onWeights: j)
        #expect(loose.verdict == .verified)
    }

    @Test("the lower bound never exceeds the cost, and brackets the AM-GM sum", arguments: [UInt64(51), 52, 53, 54, 55])
    func bracket(seed: UInt64) throws {
        let j = TestNetworks.weights(6, density: 0.7, seed: seed)
        let d = TestNetworks.scales(6, seed: seed)
        let report = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: d, squareRootBits: 32).run(onWeights: j)
        let lower = try #require(report.rational(named: "optimal cost lower bound"))
        let lowerUpper = try #require(report.rational(named: "exact pair bound lies below"))
        let upper = try #require(report.rational(named: "optimal cost upper bound C(d)"))
        #expect(lower <= lowerUpper)
        #expect(lower <= upper)
        // Squares of the pair bounds: each 2 sqrt(c_ij c_ji) term lies in the bracket, so the float sum does too.
        let c = try TestNetworks.frobenius.costs(of: j)
        var sum = 0.0
        for i in 0..<6 {
            sum += c[i, i].doubleValue
            for k in (i + 1)..<6 where !c[i, k].isZero && !c[k, i].isZero {
                sum += 2 * (c[i, k] * c[k, i]).doubleValue.squareRoot()
            }
        }
        #expect(lower.doubleValue <= sum * (1 + 1e-12))
        #expect(sum <= lowerUpper.doubleValue * (1 + 1e-12))
    }

    @Test("a one-way ring has no reciprocal pair: lower bound 0")
    func oneWayRing() throws {
        let report = try BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1, 1]).run(onWeights: TestNetworks.ring(3, weight: 2))
        #expect(report.verdict == .verified)   // a uniform ring is balanced
        #expect(report.rational(named: "optimal cost lower bound") == 0)
        #expect(report.rational(named: "cost C") == 12)
    }
}
