import BalancingVerification
import Foundation
import Rationals
import SynapticBalancing
import Testing

/// The circulation lower bound on C* (docs/math.md, weak duality, remark (iv)).
@Suite struct CirculationBoundTests {
    /// A directed ring 0 -> 1 -> ... -> n-1 -> 0 with weights w_k on the synapse out of neuron k.
    static func ring(_ w: [Rational]) -> Matrix<Rational> {
        let n = w.count
        var j = Matrix(rows: n, columns: n, repeating: Rational(0))
        for k in 0..<n { j[(k + 1) % n, k] = w[k] }
        return j
    }

    /// C* of a ring: n (prod c_e)^(1/n) (all costs equal at the optimum, the cycle product is invariant).
    static func ringOptimum(_ w: [Rational]) -> Double {
        let logs = w.map { 2 * Foundation.log(abs($0.doubleValue)) }
        return Double(w.count) * Foundation.exp(logs.reduce(0, +) / Double(w.count))
    }

    @Test func ringOfFiveHasAPositiveLowerBoundBelowTheOptimum() throws {
        let w = [Rational(1), Rational(2), Rational(1, 2), Rational(3), Rational(-1)]
        let report = try BalanceCertificateCheck(cost: try ExactCostModel(exponent: 2), scales: [1, 1, 1, 1, 1],
                                                 relativeTolerance: 10).run(onWeights: Self.ring(w))
        let amgm = try #require(report.values.first { $0.name == "optimal cost lower bound" }?.exact.first.flatMap { Rational($0) })
        #expect(amgm.isZero)   // no reciprocal pairs: the AM-GM bound says nothing
        let bound = try #require(report.values.first { $0.name == "circulation lower bound" }?.exact.first.flatMap { Rational($0) })
        #expect(bound.signum > 0)
        #expect(bound.doubleValue <= Self.ringOptimum(w) * (1 + 1e-12))
        #expect(report.verdict == .verified)
    }

    @Test func boundClosesAsTheNetworkApproachesBalance() throws {
        // Two cycles sharing neuron 0 (0->1->2->0 and 0->3->0) plus a chord, approached along d = d* e^{s v}.
        var j = Matrix(rows: 4, columns: 4, repeating: Rational(0))
        j[1, 0] = 2; j[2, 1] = Rational(1, 2); j[0, 2] = 3; j[3, 0] = 1; j[0, 3] = Rational(1, 4); j[2, 0] = 1
        let costs = try ExactCostModel(exponent: 2)
        let optimum = try balance(try DenseMatrix((0..<4).map { i in (0..<4).map { j[i, $0].doubleValue } }),
                                  cost: try CostModel(), solver: .newton)
        var previousGap = Double.infinity, previousS = 1.0
        for s in [0.25, 1.0 / 16, 1.0 / 256] {   // h = (1 - s) h*: approaching the optimum
            let d = try optimum.logScales.map { try Rational(exactly: Foundation.exp((1 - s) * $0)) }
            let c = try costs.costs(of: j, scales: d)
            let bound = try #require(CirculationBound.projecting(costs: c))
            #expect(bound.violation(costs: c) == nil)
            let total = ExactCostModel.totalCost(ofCosts: c)
            #expect(bound.lowerBound <= total)
            let gap = (total - bound.lowerBound).doubleValue
            // closes like |g|^2 ~ s^2: faster than s^1.5 between consecutive points
            #expect(gap < previousGap * Foundation.pow(s / previousS, 1.5))
            previousGap = gap; previousS = s
        }
    }

    @Test func balancedCostsGiveTheOptimumExactly() throws {
        // all costs 1 on a ring: g = 0, f = c, bound = C = C*
        let c = Self.ring([1, 1, 1]).elements.map { $0 * $0 }
        let costs = try Matrix(rows: 3, columns: 3, elements: c)
        let bound = try #require(CirculationBound.projecting(costs: costs))
        #expect(bound.lowerBound == Rational(3))
    }

    @Test func tamperedFlowIsNamed() throws {
        let c = try Matrix(rows: 3, columns: 3, elements: Self.ring([1, 2, 3]).elements.map { $0 * $0 })
        var bound = try #require(CirculationBound.projecting(costs: c))
        #expect(bound.violation(costs: c) == nil)
        bound.flow[1, 0] += 1
        #expect(bound.violation(costs: c)?.contains("flow into neuron") == true)
    }

    @Test func certificatesWithoutTheOptionReadAsIssued() throws {
        let check = BalanceCertificateCheck(cost: try ExactCostModel(exponent: 2), scales: [1, 1], circulationBound: false)
        let data = try JSONEncoder().encode(check)
        #expect(!String(decoding: data, as: UTF8.self).contains("circulationBound"))
        #expect(try JSONDecoder().decode(BalanceCertificateCheck.self, from: data) == check)
        let withBound = BalanceCertificateCheck(cost: try ExactCostModel(exponent: 2), scales: [1, 1])
        #expect(try JSONDecoder().decode(BalanceCertificateCheck.self, from: try JSONEncoder().encode(withBound)) == withBound)
    }
}
