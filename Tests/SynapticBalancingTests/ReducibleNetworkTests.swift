import Foundation
import SynapticBalancing
import Testing

/// Networks as users have them (docs/reducible-networks.md): a DAG of strongly connected blocks, weights
/// from 1e-170 to 1e170, single-synapse chains. Every solver, dense and CSR, writes a network on the
/// input's orbit whose cost is no higher than the input's; Newton and Osborne balance inside every block
/// and push the cost between blocks down as far as the log-scale spread bound allows.
@Suite("reducible networks and extreme magnitudes") struct ReducibleNetworkTests {
    /// Blocks of the given sizes, each a ring plus random chords (strongly connected), and synapses from
    /// earlier to later blocks only; magnitudes e^{u}, u uniform in [-logRange, logRange].
    static func dagOfBlocks(sizes: [Int], seed: UInt64, logRange: Double, crossPerPair: Int = 2) -> (DenseMatrix, [Int]) {
        var random = SeededGenerator(seed: seed)
        let n = sizes.reduce(0, +)
        var block = [Int](), start = [Int]()
        for (b, s) in sizes.enumerated() { start.append(block.count); block += Array(repeating: b, count: s) }
        var J = DenseMatrix(rows: n, columns: n)
        func weight() -> Double {
            let sign: Double = random.nextUniform() < 0.5 ? -1 : 1
            return sign * exp((2 * random.nextUniform() - 1) * logRange)
        }
        for (b, s) in sizes.enumerated() where s > 1 {
            for k in 0..<s { J[start[b] + (k + 1) % s, start[b] + k] = weight() }
            for _ in 0..<(2 * s) {
                let i = start[b] + Int(random.nextUniform() * Double(s)), j = start[b] + Int(random.nextUniform() * Double(s))
                if i != j { J[i, j] = weight() }
            }
        }
        for b in sizes.indices { for c in sizes.indices where c > b {
            for _ in 0..<crossPerPair where random.nextUniform() < 0.5 {
                let post = start[c] + Int(random.nextUniform() * Double(sizes[c]))
                let pre = start[b] + Int(random.nextUniform() * Double(sizes[b]))
                J[post, pre] = weight()
            }
        }}
        return (J, block)
    }

    /// ln of the total cost of B (log form: no under- or overflow), computed here, not by the library.
    static func logCost(_ B: DenseMatrix, p: Double) -> Double {
        let logs = B.elements.filter { $0 != 0 }.map { p * log(abs($0)) }
        guard let top = logs.max() else { return -.infinity }
        return top + log(logs.map { exp($0 - top) }.reduce(0, +))
    }

    /// max over blocks of |g_K| / C_K for the synapses inside each block, in scaled form.
    static func insideImbalance(_ B: DenseMatrix, block: [Int], p: Double) -> Double {
        let n = B.rows
        var worst = 0.0
        for b in Set(block) {
            let members = (0..<n).filter { block[$0] == b }
            guard members.count > 1 else { continue }
            var logs: [(Int, Int, Double)] = []
            for i in members { for j in members where i != j && B[i, j] != 0 { logs.append((i, j, p * log(abs(B[i, j])))) } }
            let top = logs.map(\.2).max()!
            var g = [Double](repeating: 0, count: n), total = 0.0
            for (i, j, l) in logs { let c = exp(l - top); g[i] += c; g[j] -= c; total += c }
            worst = max(worst, g.map { $0 * $0 }.reduce(0, +).squareRoot() / total)
        }
        return worst
    }

    /// B = D^-1 J D: signs and zeros kept, diagonal kept, B_ij / J_ij = e^{h_j - h_i} to rounding.
    static func expectOnOrbit(_ J: DenseMatrix, _ B: DenseMatrix, h: [Double], _ label: String) {
        let n = J.rows
        for i in 0..<n { for j in 0..<n {
            let a = J[i, j], b = B[i, j]
            if a == 0 || i == j { #expect(b == a, "\(label): entry (\(i), \(j))"); continue }
            let expected = log(abs(a)) + h[j] - h[i]
            #expect((a > 0) == (b > 0) && abs(log(abs(b)) - expected) <= 1e-12 * max(1, abs(expected)), "\(label): entry (\(i), \(j))")
        }}
    }

    static let solvers: [(BalancingSolver, String)] = [
        (.newton, "newton"), (.osborneCyclic, "osborne"), (.osborneRandomized(seed: 3), "osborne-random"),
        (.flow(.dormandPrince(relativeTolerance: 1e-8), .logScalesOnly), "dopri-h"),
        (.flow(.rungeKutta4(step: 1e-3), .logScalesOnly), "rk4-h"),
    ]

    @Test("a DAG of blocks (sizes 1 to 50, 300 neurons): never worse than the input, balanced inside every block")
    func dagOfBlocksEverySolver() throws {
        let sizes = [1, 50, 3, 1, 12, 40, 1, 2, 25, 1, 8, 30, 1, 5, 45, 1, 20, 4, 1, 49]
        let (J, block) = Self.dagOfBlocks(sizes: sizes, seed: 11, logRange: 2)
        let cost = try CostModel()
        for (solver, name) in Self.solvers {
            var options = BalancingOptions()
            if case .flow = solver { options.maxIterations = 300 } else { options.maxIterations = 20_000 }
            let r = try balance(J, cost: cost, solver: solver, options: options)
            #expect(!r.unboundedSynapses.isEmpty)
            #expect(Self.logCost(r.balancedWeights, p: 2) <= Self.logCost(J, p: 2), "\(name): cost rose")
            #expect(r.finalCost <= r.initialCost && r.infimumCost <= r.finalCost * (1 + 1e-12), "\(name)")
            Self.expectOnOrbit(J, r.balancedWeights, h: r.logScales, name)
            let sparse = try balance(SparseMatrix(J), cost: cost, solver: solver, options: options)
            #expect(sparse.finalCost <= sparse.initialCost, "\(name) CSR")
            if case .flow = solver { continue }
            #expect(r.converged, "\(name)")
            #expect(Self.insideImbalance(r.balancedWeights, block: block, p: 2) <= 1e-8, "\(name): a block is not balanced")
            #expect(abs(r.finalCost - r.insideCost - r.crossCost) <= 1e-12 * r.finalCost)
            #expect(abs(sparse.finalCost / r.finalCost - 1) < 1e-9, "\(name): CSR and dense disagree")
        }
    }

    @Test("a wider spread bound leaves less cost between the blocks, within the bound plus the blocks' own spread")
    func spreadBoundTradesCrossCost() throws {
        let (J, _) = Self.dagOfBlocks(sizes: [4, 1, 6, 3, 1, 5], seed: 5, logRange: 1)
        let cost = try CostModel()
        var crossCosts: [Double] = []
        for bound in [0.0, 5, 20, 60] {
            var options = BalancingOptions()
            options.maxLogScaleSpread = bound
            let r = try balance(J, cost: cost, solver: .newton, options: options)
            #expect(r.converged && r.finalCost <= r.initialCost)
            crossCosts.append(r.crossCost)
            #expect(r.maxLogScaleSpread == bound)
        }
        for k in 1..<crossCosts.count { #expect(crossCosts[k] < crossCosts[k - 1]) }
    }

    @Test("weights from 1e-170 to 1e170 in a DAG of blocks: structure from J != 0, finite results, cost never higher")
    func extremeMagnitudes() throws {
        let (J, block) = Self.dagOfBlocks(sizes: [3, 1, 4, 2, 5], seed: 21, logRange: 170 * log(10))
        let cost = try CostModel()
        var wide = BalancingOptions()
        wide.maxLogScaleSpread = 1000  // capped by the library so that every weight stays normal
        for (solver, name) in Self.solvers.prefix(3) {
            // the default bound (16 ln 10) cannot shrink synapses of cost 1e340 between blocks enough: the
            // result is then the best point towards the input, never above it, and says it did not converge
            let tight = try balance(J, cost: cost, solver: solver)
            #expect(tight.finalLogCost <= tight.initialLogCost, "\(name)")
            Self.expectOnOrbit(J, tight.balancedWeights, h: tight.logScales, name)
            if !tight.converged { #expect(tight.maxLogScaleSpread == BalancingOptions.defaultMaxLogScaleSpread) }
            let r = try balance(J, cost: cost, solver: solver, options: wide)
            #expect(r.converged, "\(name)")
            #expect(r.maxLogScaleSpread < 1000 && r.maxLogScaleSpread > 300)
            #expect(r.finalLogCost <= r.initialLogCost, "\(name)")
            #expect(r.logScales.allSatisfy(\.isFinite) && r.balancedWeights.elements.allSatisfy(\.isFinite))
            #expect(Self.insideImbalance(r.balancedWeights, block: block, p: 2) <= 1e-8, "\(name)")
            Self.expectOnOrbit(J, r.balancedWeights, h: r.logScales, name)
        }
    }

    @Test("a reciprocal pair of 1e-170 is a cycle, not two synapses on no cycle; the 3-ring 1e-150, 1e150, 1 has C* = 3")
    func underflowingCostsKeepTheirStructure() throws {
        let cost = try CostModel()
        let pair = try DenseMatrix([[0, 1e-170], [4e-170, 0]])
        for (solver, name) in Self.solvers.prefix(3) {
            let r = try balance(pair, cost: cost, solver: solver)
            #expect(r.unboundedSynapses.isEmpty && r.converged, "\(name)")
            #expect(abs(r.balancedWeights[0, 1] / r.balancedWeights[1, 0] - 1) < 1e-12, "\(name): |J_01| = |J_10| at balance")
            let ring = try DenseMatrix([[0, 1e-150, 0], [0, 0, 1e150], [1, 0, 0]])
            let s = try balance(ring, cost: cost, solver: solver)
            #expect(s.converged && abs(s.finalCost - 3) < 1e-9, "\(name): C = \(s.finalCost)")
        }
    }

    @Test("a chain of single synapses: infimum 0, the spread bound shared along the chain")
    func singleSynapseChain() throws {
        var J = DenseMatrix(rows: 6, columns: 6)
        for i in 1..<6 { J[i, i - 1] = 2 }
        let cost = try CostModel()
        for (solver, name) in Self.solvers.prefix(3) {
            let r = try balance(J, cost: cost, solver: solver)
            #expect(r.converged && r.infimumCost == 0 && r.unboundedSynapses.count == 5, "\(name)")
            let spread = r.logScales.max()! - r.logScales.min()!
            #expect(spread <= r.maxLogScaleSpread * (1 + 1e-12) && spread >= r.maxLogScaleSpread * 0.999, "\(name)")
            // optimum on the box: equal steps S/5 along the chain, each synapse at 4 e^{-2 S / 5}
            #expect(abs(r.finalCost / (5 * 4 * exp(-2 * r.maxLogScaleSpread / 5)) - 1) < 1e-6, "\(name): C = \(r.finalCost)")
        }
    }

    @Test("a spread bound too tight for the synapse between two pairs: the best point towards the input, not converged")
    func tightBoundFallsBackTowardsTheInput() throws {
        // pair 0 <-> 1 balances with h_0 - h_1 = ln 100, pair 2 <-> 3 with h_3 - h_2 = ln 100; the synapse
        // 0 -> 2 of cost 1e8 would grow by e^{2 ln 100} if both pairs were balanced inside the box
        let J = try DenseMatrix([[0, 100, 0, 0], [0.01, 0, 0, 0], [10_000, 0, 0, 0.01], [0, 0, 100, 0]])
        var options = BalancingOptions()
        options.maxLogScaleSpread = 0
        for (solver, name) in Self.solvers.prefix(3) {
            let r = try balance(J, cost: try CostModel(), solver: solver, options: options)
            #expect(!r.converged && r.finalCost <= r.initialCost, "\(name): \(r.initialCost) -> \(r.finalCost)")
            Self.expectOnOrbit(J, r.balancedWeights, h: r.logScales, name)
        }
    }
}
