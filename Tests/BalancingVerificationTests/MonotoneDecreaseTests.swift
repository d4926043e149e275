import BalancingVerification
import Rationals
import Testing

@Suite("Check 3: monotone cost decrease")
struct MonotoneDecreaseTests {
    @Test("dC/dt = -p |g|^2 and a decreasing dyadic step, for both step families",
          arguments: [MonotoneDecreaseCheck.StepFamily.multiplicative, .signed], [UInt64(41), 42, 43])
    func randomNetworks(family: MonotoneDecreaseCheck.StepFamily, seed: UInt64) throws {
        let j = TestNetworks.weights(5, density: 0.7, seed: seed)
        let check = MonotoneDecreaseCheck(cost: TestNetworks.frobenius, scales: TestNetworks.scales(5, seed: seed), stepFamily: family)
        let report = try check.run(onWeights: j)
        #expect(report.verdict == .verified, "\(report.summary)")
        let rate = try #require(report.rational(named: "dC/dt = sum_ij p c_ij (g_j - g_i)"))
        #expect(rate == report.rational(named: "-p |g|^2"))
        #expect(rate.signum < 0)
        let decrease = try #require(report.rational(named: "cost decrease"))
        #expect(decrease.signum > 0)
    }

    @Test("reciprocal pair J01 = 4, J10 = 1, p = 2: the largest decreasing step is 2^-5 (by hand)")
    func reciprocalPairByHand() throws {
        // c01 = 16, c10 = 1, g = (15, -15), C = 17. d = (1 + 15 eta, 1 - 15 eta):
        // eta = 1/16 gives C = 16 (1/31)^2 + 31^2 > 17; eta = 1/32 gives 16 (17/47)^2 + (47/17)^2 < 17.
        let report = try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, maximumHalvings: 20)
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(report.verdict == .verified)
        #expect(report.rational(named: "cost C") == 17)
        #expect(report.rational(named: "-p |g|^2") == -900)
        #expect(report.rational(named: "largest decreasing step eta") == Rational(1, 32))
        #expect(report.rational(named: "cost after the largest decreasing step")
                == 16 * Rational(17, 47) * Rational(17, 47) + Rational(47, 17) * Rational(47, 17))
    }

    @Test("at an equilibrium the identity is 0 = 0 and no step is needed")
    func equilibrium() throws {
        let report = try MonotoneDecreaseCheck(cost: TestNetworks.frobenius).run(onWeights: TestNetworks.ring(4, weight: 3))
        #expect(report.verdict == .verified)
        #expect(report.rational(named: "-p |g|^2") == 0)
        #expect(report.notes.contains { $0.contains("equilibrium") })
    }

    @Test("too few halvings to find a decreasing step is a failure, not a crash")
    func noDecreasingStep() throws {
        let report = try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, maximumHalvings: 3)
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(report.verdict == .failed)
        #expect(report.failure?.invariant.contains("strictly decreases") == true)
    }

    @Test("bad parameters throw")
    func badParameters() throws {
        #expect(throws: VerificationError.self) { try ExactCostModel(exponent: 0) }
        #expect(throws: VerificationError.self) {
            try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, maximumHalvings: -1).run(onWeights: TestNetworks.ring(3))
        }
        #expect(throws: VerificationError.nonPositiveScale(index: 0, value: "-1")) {
            try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, scales: [-1, 1, 1]).run(onWeights: TestNetworks.ring(3))
        }
    }
}
