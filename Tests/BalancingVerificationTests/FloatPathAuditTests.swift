import BalancingVerification
import Rationals
import Testing

@Suite("Check 5: audit of a float path")
struct FloatPathAuditTests {
    /// Points along the orbit of J (weights recorded exactly), optionally with an off-orbit error.
    static func orbitPath(_ j: Matrix<Rational>, scales: [[Rational]], error: Rational = 0) -> [AuditedPathPoint] {
        scales.enumerated().map { index, d in
            var m = j.diagonalSimilarity(d)
            if index > 0, let k = m.elements.indices.first(where: { !m.elements[$0].isZero && $0 / j.rows != $0 % j.rows }) {
                m.elements[k] += error * Rational(index)
            }
            return AuditedPathPoint(time: Rational(index), weights: m)
        }
    }

    @Test("an exact path along the orbit with decreasing cost: zero drift, verified")
    func exactPath() throws {
        // Reciprocal pair, c01 = 16 (d1/d0)^2, c10 = (d0/d1)^2: d1 = 1, 3/4, 1/2 lowers C from 17 to 8.
        let j = TestNetworks.reciprocalPair(4, 1)
        let path = Self.orbitPath(j, scales: [[1, 1], [1, Rational(3, 4)], [1, Rational(1, 2)]])
        let report = try FloatPathAudit(cost: TestNetworks.frobenius, path: path, relativeDriftBound: 0).run(onWeights: j)
        #expect(report.verdict == .verified, "\(report.summary)")
        #expect(report.rational(named: "max relative invariant drift") == 0)
        #expect(report.rational(named: "final exact cost") == 8)
    }

    @Test("off-orbit weights: the drift is measured exactly and a bound is enforced")
    func drift() throws {
        let j = TestNetworks.reciprocalPair(4, 1)
        let path = Self.orbitPath(j, scales: [[1, 1], [1, Rational(3, 4)], [1, Rational(1, 2)]], error: Rational(1, 1024))
        let measured = try FloatPathAudit(cost: TestNetworks.frobenius, path: path).run(onWeights: j)
        #expect(measured.verdict == .verified)
        // Point 2: J[0,1] = 4 * (1/2) + 2/1024, so the cycle product J01 J10 = (2 + 1/512) * 2 = 4 + 1/256 vs 4.
        let finalDrift = try #require(measured.value(named: "invariant drift at the last point"))
        #expect(finalDrift.exact.last == "1/256")
        #expect(measured.rational(named: "max relative invariant drift") == Rational(1, 1024))
        let bounded = try FloatPathAudit(cost: TestNetworks.frobenius, path: path, relativeDriftBound: Rational(1, 2048)).run(onWeights: j)
        #expect(bounded.verdict == .failed)
        #expect(bounded.failure?.step == 2)   // point 1 drifts by 1/3072 relative, point 2 by 1/1024
    }

    @Test("a point that flips the sign of a synapse leaves the orbit: a drift bound fails, the summary says so")
    func signChange() throws {
        // An Euler step of the (J, h) flow with eta = 1/20 from J01 = 4, J10 = 1 (g = (15, -15)):
        // J01 = 4 (1 - 3/2) = -2, J10 = 1 (1 + 3/2) = 5/2. The cost drops from 17 to 41/4.
        let j = TestNetworks.reciprocalPair(4, 1)
        let path = [AuditedPathPoint(time: 0, weights: j),
                    AuditedPathPoint(time: Rational(1, 20), weights: TestNetworks.reciprocalPair(-2, Rational(5, 2)))]
        let bounded = try FloatPathAudit(cost: TestNetworks.frobenius, path: path, relativeDriftBound: Rational(1, 100)).run(onWeights: j)
        #expect(bounded.verdict == .failed, "\(bounded.summary)")
        #expect(bounded.failure?.step == 1)
        let unbounded = try FloatPathAudit(cost: TestNetworks.frobenius, path: path).run(onWeights: j)
        #expect(unbounded.verdict == .verified)   // the cost did not increase, and no bound was claimed
        #expect(unbounded.summary.contains("sign"), "\(unbounded.summary)")
    }

    @Test("a step that increases the exact cost is reported and fails the audit")
    func costIncrease() throws {
        let j = TestNetworks.reciprocalPair(4, 1)
        let path = [[Rational(1), 1], [1, Rational(1, 2)], [1, Rational(1, 4)]].enumerated().map {
            AuditedPathPoint(time: Rational($0.offset), scales: $0.element)
        }
        // Costs 17, 8, 16 + 1 (d = (1, 1/4): 16/16 + 16) = 17: the last step increases.
        let report = try FloatPathAudit(cost: TestNetworks.frobenius, path: path).run(onWeights: j)
        #expect(report.verdict == .failed)
        #expect(report.failure?.step == 2)
        #expect(report.value(named: "exact cost increases")?.exact == ["step 2: 8 -> 17"])
    }

    @Test("exact Euler scheme on d: bit sizes, rounding error of the float run, truncation estimate")
    func exactScheme() throws {
        let j = TestNetworks.weights(4, density: 0.8, seed: 61)
        let comparison = ExactSchemeComparison(scheme: .euler, stepSize: Rational(1, 64), steps: 2)
        let report = try FloatPathAudit(cost: TestNetworks.frobenius, path: [AuditedPathPoint(time: 0, weights: j)],
                                        schemeComparison: comparison).run(onWeights: j)
        #expect(report.value(named: "scheme steps computed exactly")?.exact == ["2"])
        let bits = try #require(report.value(named: "scheme d bit sizes per step")).exact.compactMap { Int($0) }
        #expect(bits.count == 3)
        #expect(bits.last! > bits.first!)   // rational growth
        let rounding = try #require(report.rational(named: "rounding error max over steps"))
        #expect(rounding.doubleValue < 1e-10)
        #expect(report.rational(named: "truncation estimate max_i |d_s - d_(s/2)| at the last step") != nil)
    }

    @Test("rounded exact scheme (2^-200 grid) runs many RK4 steps with tracked rounding")
    func roundedScheme() throws {
        let j = TestNetworks.reciprocalPair(4, 1)
        let comparison = ExactSchemeComparison(scheme: .rungeKutta4, stepSize: Rational(1, 128), steps: 40, roundingBits: 200)
        let report = try FloatPathAudit(cost: TestNetworks.frobenius, path: [AuditedPathPoint(time: 0, weights: j)],
                                        schemeComparison: comparison).run(onWeights: j)
        #expect(report.value(named: "scheme steps computed exactly")?.exact == ["40"])
        #expect(report.value(named: "exact scheme cost non-increasing")?.exact == ["yes"])
        let injected = try #require(report.rational(named: "largest rounding injected into the exact scheme per step and entry (upper bound)"))
        #expect(injected <= Rational(1).multipliedByPowerOfTwo(-201))
        #expect(injected.signum > 0)
    }

    @Test("a bit cap beyond 2^24 (e.g. from a certificate file) is refused instead of running out of memory")
    func hugeBitCap() throws {
        let j = TestNetworks.reciprocalPair(4, 1)
        let comparison = ExactSchemeComparison(scheme: .euler, stepSize: Rational(1, 3), steps: 10_000, maximumBits: Int.max)
        #expect(throws: VerificationError.self) {
            try FloatPathAudit(cost: TestNetworks.frobenius, path: [AuditedPathPoint(time: 0, weights: j)],
                               schemeComparison: comparison).run(onWeights: j)
        }
    }

    @Test("a too-large Euler step leaves the positive orthant and is reported, not a crash")
    func largeStep() throws {
        let j = TestNetworks.reciprocalPair(4, 1)
        let comparison = ExactSchemeComparison(scheme: .euler, stepSize: 1, steps: 5)
        let report = try FloatPathAudit(cost: TestNetworks.frobenius, path: [AuditedPathPoint(time: 0, weights: j)],
                                        schemeComparison: comparison).run(onWeights: j)
        #expect(report.notes.contains { $0.contains("positive orthant") })
        #expect(report.value(named: "scheme steps computed exactly")?.exact == ["0"])
    }
}
