@testable import BalancingVerification
import Rationals
import Testing

@Suite("Integer-scaled traces tr(J^(k-1) B)")
struct LaxStructureTraceTests {
    /// tr(J^(k-1) B) with rational matrix powers.
    static func naiveTraces(_ j: Matrix<Rational>, _ b: Matrix<Rational>) -> [Rational] {
        var result: [Rational] = []
        var power = Matrix<Rational>.identity(j.rows)
        for _ in 0..<j.rows {
            result.append((power * b).trace)
            power = power * j
        }
        return result
    }

    @Test("agree with rational powers; stop at the first nonzero trace", arguments: [UInt64(81), 82, 83])
    func agreeWithNaive(seed: UInt64) {
        let j = TestNetworks.weights(5, density: 0.7, seed: seed)
        var b = TestNetworks.weights(5, density: 0.7, seed: seed + 100)
        b[0, 0] = Rational(1, 3)   // a non-dyadic denominator too
        let naive = Self.naiveTraces(j, b)
        let fast = LaxStructureCheck.traces(weights: j, rate: b)
        let expectedCount = (naive.firstIndex { !$0.isZero } ?? (naive.count - 1)) + 1
        #expect(fast == Array(naive.prefix(expectedCount)))
    }

    @Test("a commutator [J, G] has zero traces against every power of J")
    func commutatorTraces() {
        let j = TestNetworks.weights(6, density: 0.8, seed: 84)
        let g: [Rational] = [1, -2, Rational(1, 3), 0, 5, Rational(-7, 4)]
        let traces = LaxStructureCheck.traces(weights: j, rate: Matrix.commutator(j, Matrix.diagonal(g)))
        #expect(traces == Array(repeating: 0, count: 6))
    }
}
