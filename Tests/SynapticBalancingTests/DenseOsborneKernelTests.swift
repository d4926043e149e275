import CBalancingKernels
import Testing
@testable import SynapticBalancing

/// The C sweep kernels (CBalancingKernels) against the Swift reference sweep they replaced, which read both
/// sums as contiguous dot products of c0 and its transpose: s_i <- sqrt(sum_j c0_ij s_j / sum_j c0_ji / s_j).
/// Both kernel versions (AVX2/FMA where the processor has it, and the portable one), N = 1, 2, 3 and N not a
/// multiple of 4 or 16, dense random and scaled networks (J_ij e^{3 r_i - 3 r_j}).
@Suite("dense Osborne C kernels", .serialized)
struct DenseOsborneKernelTests {
    static let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100]

    /// J dense random, or scaled: J_ij e^{3 r_i - 3 r_j} with r standard normal.
    static func network(_ n: Int, seed: UInt64, scaled: Bool) -> DenseMatrix {
        var J = randomMatrix(n, seed: seed)
        guard scaled else { return J }
        var normal = NormalSampler(seed: seed ^ 0x5CA1ED)
        let r = (0..<n).map { _ in normal.next() }
        for i in 0..<n { for j in 0..<n { J[i, j] *= Double.exp(3 * r[i] - 3 * r[j]) } }
        return J
    }

    /// c0 with the diagonal zeroed, row-major.
    static func offDiagonalCosts(_ J: DenseMatrix, exponent p: Double) -> [Double] {
        let n = J.rows
        var c = J.elements.map { p == 2 ? $0 * $0 : Swift.abs($0) }
        for i in 0..<n { c[i * n + i] = 0 }
        return c
    }

    /// One Gauss-Seidel sweep in plain Swift: both sums recomputed in full for every neuron.
    static func referenceSweep(_ c: [Double], n: Int, order: [Int], s: inout [Double]) -> (imbalance: Double, cost: Double) {
        var imbalance = 0.0, cost = 0.0
        for i in order {
            var incoming = 0.0, outgoing = 0.0  // s_i in_i and out_i / s_i
            for j in 0..<n where j != i { incoming += c[i * n + j] * s[j]; outgoing += c[j * n + i] / s[j] }
            let g = incoming / s[i] - outgoing * s[i]
            imbalance += g * g
            cost += incoming / s[i]
            if incoming > 0 && outgoing > 0 { s[i] = (incoming / outgoing).squareRoot() }
        }
        return (imbalance, cost)
    }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { Swift.abs($0 - $1) / Swift.max(Swift.abs($1), Double.leastNormalMagnitude) }.max() ?? 0
    }

    /// Runs `body` with the portable kernels forced, then with the CPUID choice.
    static func withBothVersions(_ body: (String) throws -> Void) rethrows {
        sb_kernels_force(0)
        defer { sb_kernels_force(-1) }
        try body("portable")
        sb_kernels_force(-1)
        try body(sb_kernels_use_avx2() != 0 ? "avx2" : "portable (no AVX2)")
    }

    @Test("three sweeps agree with the Swift reference (scales, carried and fresh column sums, sweep sums)",
          arguments: [false, true])
    func sweepsAgreeWithReference(scaled: Bool) throws {
        Self.withBothVersions { version in
            for n in Self.sizes {
                let J = Self.network(n, seed: UInt64(700 + n), scaled: scaled)
                for p in [2.0, 1.0] {
                    let c = Self.offDiagonalCosts(J, exponent: p)
                    // square = 1 reads J (diagonal included, the kernel skips it); square = 0 reads c0
                    var variants: [([Double], Int32)] = [(c, Int32(0))]
                    if p == 2 { variants.append((J.elements, Int32(1))) }
                    for (rows, square) in variants {
                        var normal = NormalSampler(seed: UInt64(n))
                        var s = (0..<n).map { _ in Double.exp(normal.next()) }
                        var reference = s
                        var invS = s.map { 1 / $0 }
                        var outgoing = (0..<n).map { k in (0..<n).reduce(0.0) { $1 == k ? $0 : $0 + c[$1 * n + k] / s[$1] } }
                        var order = Array(0..<n)
                        var generator = SeededGenerator(seed: UInt64(n) + 1)
                        for sweep in 0..<3 {
                            if sweep > 0 { order.shuffle(using: &generator) }
                            reference = s  // each sweep from the kernel's point: one sweep's rounding, not a trajectory
                            var fresh = [Double](repeating: 0, count: n)
                            var imbalance = 0.0, cost = 0.0
                            sb_osborne_sweep(rows, n, square, order, &s, &invS, &outgoing, &fresh, &imbalance, &cost)
                            let expected = Self.referenceSweep(c, n: n, order: order, s: &reference)
                            let columnSums = (0..<n).map { k in (0..<n).reduce(0.0) { $1 == k ? $0 : $0 + c[$1 * n + k] / s[$1] } }
                            let label = "\(version), N = \(n), p = \(p), square = \(square), scaled = \(scaled), sweep \(sweep)"
                            // The carried sums cancel c0_ik / s_old against c0_ik / s_new: on the scaled networks,
                            // whose scales move by factors up to e^{+-10} in a sweep from this random start, that
                            // costs up to ~1e-10 (from s = 1 and near the optimum, ~1e-12: the solver test below).
                            let tolerance = scaled ? 1e-9 : 1e-12
                            #expect(Self.relativeError(s, reference) <= tolerance, "\(label)")
                            #expect(Self.relativeError(invS, s.map { 1 / $0 }) <= 1e-15, "\(label)")
                            #expect(Self.relativeError(fresh, columnSums) <= 1e-12, "\(label)")  // recomputed: exact
                            #expect(Self.relativeError(outgoing, columnSums) <= 10 * tolerance, "\(label)")
                            #expect(Swift.abs(cost - expected.cost) <= tolerance * expected.cost, "\(label)")
                            #expect(Swift.abs(imbalance - expected.imbalance) <= tolerance * expected.cost * expected.cost, "\(label)")
                            outgoing = fresh
                        }
                    }
                }
            }
        }
    }

    @Test("cost sums: a = c0 s and b = c0^T (1 / s) without the diagonal, s left as it was")
    func costSumsAgreeWithReference() throws {
        Self.withBothVersions { version in
            for n in Self.sizes {
                // a self-loop 1e8 times the other costs must not cancel them
                var J = Self.network(n, seed: UInt64(900 + n), scaled: true)
                for i in 0..<n { J[i, i] = 1e4 * (Swift.abs(J[i, i]) + 1) }
                let c = Self.offDiagonalCosts(J, exponent: 2)
                var normal = NormalSampler(seed: UInt64(n) + 7)
                var s = (0..<n).map { _ in Double.exp(normal.next()) }
                let s0 = s
                let invS = s.map { 1 / $0 }
                var a = [Double](repeating: 0, count: n), b = [Double](repeating: 7, count: n)
                sb_cost_sums(J.elements, n, 1, &s, invS, &a, &b)
                let expectedA = (0..<n).map { i in (0..<n).reduce(0.0) { $1 == i ? $0 : $0 + c[i * n + $1] * s0[$1] } }
                let expectedB = (0..<n).map { k in (0..<n).reduce(0.0) { $1 == k ? $0 : $0 + c[$1 * n + k] * invS[$1] } }
                #expect(s == s0)
                #expect(Self.relativeError(a, expectedA) <= 1e-12, "\(version), N = \(n)")
                #expect(Self.relativeError(b, expectedB) <= 1e-12, "\(version), N = \(n)")
            }
        }
    }

    @Test("sb_sum and sb_stream_read")
    func sums() {
        let x = (0..<1001).map { Double($0 % 17) - 3.5 }
        #expect(Swift.abs(sb_sum(x, x.count, 0) - x.reduce(0, +)) <= 1e-12 * 1e4)
        #expect(Swift.abs(sb_sum(x, x.count, 1) - x.map { $0 * $0 }.reduce(0, +)) <= 1e-12 * 1e5)
        var sink = 0.0
        sb_stream_read(x, x.count, 3, &sink)
        #expect(Swift.abs(sink - 3 * x.reduce(0, +)) <= 1e-11 * 1e4)
    }

    @Test("the solver on dense and scaled networks agrees with the general path (|g|/C and h), N = 1 to 100",
          arguments: [false, true])
    func solverAgreesWithGeneralPath(scaled: Bool) throws {
        try Self.withBothVersions { version in
            for n in Self.sizes {
                let J = Self.network(n, seed: UInt64(800 + n), scaled: scaled)
                for cost in [try CostModel(), try CostModel(exponent: 1)] {
                    let label = "\(version), N = \(n), p = \(cost.exponent), scaled = \(scaled)"
                    if n >= 2 { #expect(DenseOsborneSolver(J, cost: cost) != nil, "\(label)") }
                    // a few sweeps: the same points up to rounding
                    let few = BalancingOptions(tolerance: 1e-14, maxIterations: 4)  // N = 2 is balanced by one sweep
                    let fast = try balance(J, cost: cost, solver: .osborneCyclic, options: few)
                    let general = try balance(SparseMatrix(J), cost: cost, solver: .osborneCyclic, options: few)
                    // N = 2 is balanced by one sweep up to rounding, which may take one more sweep below 1e-14
                    #expect(n == 2 ? Swift.abs(fast.iterations - general.iterations) <= 1 : fast.iterations == general.iterations, "\(label)")
                    let spread = Swift.max(general.logScales.map(Swift.abs).max() ?? 0, 1)
                    #expect(maxAbsDifference(fast.logScales, general.logScales) <= 1e-12 * spread, "\(label)")
                    #expect(Swift.abs(fast.relativeImbalance - general.relativeImbalance)
                            <= 1e-9 * general.relativeImbalance + 1e-15, "\(label)")
                    #expect(Swift.abs(fast.finalCost - general.finalCost) <= 1e-12 * general.finalCost, "\(label)")
                    // to convergence
                    let tight = BalancingOptions(tolerance: 1e-12)
                    let a = try balance(J, cost: cost, solver: .osborneCyclic, options: tight)
                    let b = try balance(SparseMatrix(J), cost: cost, solver: .osborneCyclic, options: tight)
                    #expect(a.converged && b.converged && a.relativeImbalance <= 1e-12, "\(label)")
                    #expect(try relativeImbalance(a.balancedWeights, cost) <= 1e-10, "\(label)")
                    #expect(Swift.abs(a.finalCost - b.finalCost) <= 1e-12 * b.finalCost, "\(label)")
                    #expect(maxAbsDifference(a.logScales, b.logScales) <= 1e-9 * spread, "\(label)")
                }
            }
        }
    }

    @Test("the fast path takes plain costs only (1e-100 <= c <= 1e100), the diagonal excepted")
    func plainCostCheck() throws {
        for n in [2, 3, 17] {
            for cost in [try CostModel(), try CostModel(exponent: 1)] {
                let tiny = cost.exponent == 2 ? 1e-60 : 1e-120  // c = 1e-120
                var J = Self.network(n, seed: UInt64(n), scaled: false)
                J[n - 1, n - 1] = tiny
                #expect(try balanceByDenseOsborne(J, cost: cost, solver: .osborneCyclic, options: BalancingOptions()) != nil)
                J[0, n - 1] = tiny
                #expect(try balanceByDenseOsborne(J, cost: cost, solver: .osborneCyclic, options: BalancingOptions()) == nil)
                J[0, n - 1] = 1e60  // c = 1e120 (p = 2)
                if cost.exponent == 2 {
                    #expect(try balanceByDenseOsborne(J, cost: cost, solver: .osborneCyclic, options: BalancingOptions()) == nil)
                }
            }
        }
    }
}
