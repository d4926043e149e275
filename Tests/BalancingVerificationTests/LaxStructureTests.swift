import BalancingVerification
import Rationals
import Testing

@Suite("Check 2: Lax structure and conserved quantities")
struct LaxStructureTests {
    @Test("random networks: every relation holds along the orbit", arguments: [UInt64(31), 32, 33, 34])
    func verified(seed: UInt64) throws {
        let j = TestNetworks.weights(6, density: 0.5, seed: seed)
        let check = LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(TestNetworks.scales(6, seed: seed)))
        let report = try check.run(onWeights: j)
        #expect(report.verdict == .verified, "\(report.summary)")
        #expect(report.value(named: "tr(J^(k-1) J'), k = 1...N")?.exact == Array(repeating: "0", count: 6))
    }

    @Test("p = 3 with presynaptic weights")
    func otherCost() throws {
        let cost = try ExactCostModel(exponent: 3, weighting: .presynaptic([1, Rational(1, 2), 2, 3, Rational(5, 4)]))
        let report = try LaxStructureCheck(cost: cost, transformed: .scales([1, 2, 3, 4, 5])).run(onWeights: TestNetworks.weights(5, seed: 35))
        #expect(report.verdict == .verified)
    }

    @Test("counting: a ring has one cycle invariant, two disjoint pairs have two")
    func invariantCounts() throws {
        let ring = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(Array(repeating: 2, count: 12)))
            .run(onWeights: TestNetworks.ring(12))
        #expect(ring.value(named: "independent cycle invariants (synapses - N + components)")?.exact == ["1"])
        #expect(ring.value(named: "independent conserved quantities (cycle invariants + N diagonal entries)")?.exact == ["13"])

        var pairs = Matrix(rows: 4, columns: 4, repeating: Rational(0))
        pairs[0, 1] = 2; pairs[1, 0] = 3; pairs[2, 3] = 5; pairs[3, 2] = 7
        let basis = CycleBasis(supportOf: pairs)
        #expect(basis.componentCount == 2)
        #expect(basis.offDiagonalSynapseCount == 4)
        #expect(basis.independentCycleCount == 2)
        #expect(Set(basis.cycles.compactMap { basis.value(of: $0, in: pairs) }) == [6, 35])
    }

    @Test("a directed cycle's invariant is its ordinary cycle product")
    func directedCycleProduct() throws {
        var j = Matrix(rows: 3, columns: 3, repeating: Rational(0))
        j[1, 0] = 2; j[2, 1] = Rational(1, 3); j[0, 2] = 5
        let basis = CycleBasis(supportOf: j)
        #expect(basis.cycles.count == 1)
        #expect(basis.value(of: basis.cycles[0], in: j) == Rational(10, 3))
        // An undirected cycle: 0 -> 1 -> 2 and 0 -> 2. The signed ratio J[1,0] J[2,1] / J[2,0] is invariant.
        var k = Matrix(rows: 3, columns: 3, repeating: Rational(0))
        k[1, 0] = 2; k[2, 1] = 3; k[2, 0] = 4
        let b2 = CycleBasis(supportOf: k)
        let value = try #require(b2.value(of: b2.cycles[0], in: k))
        #expect(value == Rational(3, 2) || value == Rational(2, 3))
        let moved = k.diagonalSimilarity([1, 7, Rational(1, 9)])
        #expect(b2.value(of: b2.cycles[0], in: moved) == value)
    }

    @Test("a perturbed entry on a cycle names the broken cycle invariant")
    func perturbedCycleEntry() throws {
        let j = TestNetworks.ring(5, weight: Rational(1, 2))
        var other = j.diagonalSimilarity([1, 2, 3, 4, 5])
        other[2, 1] = other[2, 1] * Rational(3, 2)
        let report = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .weights(other)).run(onWeights: j)
        #expect(report.verdict == .failed)
        let failure = try #require(report.failure)
        #expect(failure.invariant.hasPrefix("cycle product"))
        #expect(failure.invariant.contains("J[2,1]"))
        #expect(failure.expected == "1/32")
        #expect(failure.actual == "3/64")
    }

    @Test("a perturbed diagonal entry and a flipped sign are named")
    func perturbedDiagonalAndSign() throws {
        var j = TestNetworks.weights(4, density: 0.8, seed: 36)
        j[2, 2] = 1
        var diagonal = j
        diagonal[2, 2] = 2
        let a = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .weights(diagonal)).run(onWeights: j)
        #expect(a.failure?.invariant == "diagonal J[2,2]")

        var flipped = j
        let index = try #require(j.elements.indices.first { !j.elements[$0].isZero && $0 / 4 != $0 % 4 })
        flipped.elements[index] = -flipped.elements[index]
        let b = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .weights(flipped)).run(onWeights: j)
        #expect(b.failure?.invariant == "sign of J[\(index / 4),\(index % 4)]")
    }

    @Test("changing a synapse that lies on no cycle stays on the orbit: the invariants are complete")
    func bridgeSynapse() throws {
        // A 3-ring 0 -> 1 -> 2 -> 0 plus a bridge 2 -> 3. Changing J[3, 2] is a transform by d_3.
        var j = Matrix(rows: 4, columns: 4, repeating: Rational(0))
        j[1, 0] = 1; j[2, 1] = 2; j[0, 2] = 3; j[3, 2] = 4
        var other = j
        other[3, 2] = 5
        let report = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .weights(other)).run(onWeights: j)
        #expect(report.verdict == .verified)
        let witness = try #require(report.value(named: "orbit witness d (1 at each component root)"))
        #expect(witness.exact == ["1", "1", "1", "4/5"])   // J~[3,2] = J[3,2] d_2 / d_3 = 4 / (4/5) = 5
    }

    @Test("scale: N = 16 dense")
    func sixteenNeurons() throws {
        let j = TestNetworks.weights(16, density: 0.9, seed: 37)
        let report = try LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(TestNetworks.scales(16, seed: 37))).run(onWeights: j)
        #expect(report.verdict == .verified)
    }
}
