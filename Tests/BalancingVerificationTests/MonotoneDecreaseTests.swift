import BalancingVerification
import Foundation
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

    @Test("too few halvings of the absolute grid to find a decreasing step is a failure, not a crash")
    func noDecreasingStep() throws {
        let report = try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, maximumHalvings: 3, scaledSteps: false)
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(report.verdict == .failed)
        #expect(report.failure?.invariant.contains("strictly decreases") == true)
        // The scaled grid starts at eta = 2^-s with 2^s >= p max|g_i| = 2 * 15, so 3 halvings suffice.
        let scaled = try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, maximumHalvings: 3)
            .run(onWeights: TestNetworks.reciprocalPair(4, 1))
        #expect(scaled.verdict == .verified)
        #expect(scaled.rational(named: "step scale 2^-s, s") == 5)
    }

    @Test("costs of 10^845 (p = 1000) or near 1e300: the scaled grid finds the decrease the absolute one misses")
    func hugeCosts() throws {
        let j = try Matrix<Rational>(rows: 3, columns: 3, elements: [0, 3, 1, 7, 0, 2, 1, 5, 0].map { Rational($0) })
        let p1000 = try ExactCostModel(exponent: 1000)
        // The multiplicative step would carry g's 2800 bits into millions of bits per cost: signed.
        #expect(try MonotoneDecreaseCheck.preferredStepFamily(cost: p1000, weights: j) == .signed)
        #expect(try MonotoneDecreaseCheck.preferredStepFamily(cost: TestNetworks.frobenius, weights: j) == .multiplicative)
        #expect(try MonotoneDecreaseCheck(cost: p1000, stepFamily: .signed).run(onWeights: j).verdict == .verified)
        #expect(try MonotoneDecreaseCheck(cost: p1000, scaledSteps: false).run(onWeights: j).verdict == .failed)
        let big = try Matrix<Rational>(rows: 2, columns: 2, elements: [0, Rational(BigInteger(10).power(150)), 1, 0])
        #expect(try MonotoneDecreaseCheck(cost: TestNetworks.frobenius).run(onWeights: big).verdict == .verified)
        #expect(try MonotoneDecreaseCheck(cost: TestNetworks.frobenius, scaledSteps: false).run(onWeights: big).verdict == .failed)
    }

    @Test("a claim without scaledSteps (issued before it existed) decodes to the absolute grid; new ones encode it")
    func scaledStepsCoding() throws {
        let check = MonotoneDecreaseCheck(cost: TestNetworks.frobenius)
        let data = try JSONEncoder().encode(check)
        #expect(String(decoding: data, as: UTF8.self).contains("\"scaledSteps\":true"))
        #expect(try JSONDecoder().decode(MonotoneDecreaseCheck.self, from: data) == check)
        let old = MonotoneDecreaseCheck(cost: TestNetworks.frobenius, scaledSteps: false)
        let oldData = try JSONEncoder().encode(old)
        #expect(!String(decoding: oldData, as: UTF8.self).contains("scaledSteps"))
        #expect(try JSONDecoder().decode(MonotoneDecreaseCheck.self, from: oldData).scaledSteps == false)
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
