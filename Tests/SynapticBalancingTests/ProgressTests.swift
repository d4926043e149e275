import Foundation
import SynapticBalancing
import Testing

/// `BalancingOptions.progress` is called by every solver at each iteration it evaluates (the dense
/// Osborne path skips the evaluation of sweeps far from convergence), in order, from 0 to the result's
/// iteration count.
@Suite("progress reports") struct ProgressTests {
    final class Recorder: @unchecked Sendable {
        var reports: [BalancingProgress] = []
    }

    @Test(arguments: [BalancingSolver.newton, .osborneCyclic, .osborneRandomized(seed: 2),
                      .flow(.dormandPrince(relativeTolerance: 1e-8), .logScalesOnly)])
    func everySolverReportsEachIteration(solver: BalancingSolver) throws {
        let recorder = Recorder()
        var options = BalancingOptions()
        options.maxIterations = 5000
        options.progress = ProgressHandler { recorder.reports.append($0) }
        let r = try balance(randomMatrix(12, seed: 4), cost: CostModel(), solver: solver, options: options)
        let iterations = recorder.reports.map(\.iterations)
        #expect(iterations.first == 0 && iterations.last == r.iterations && zip(iterations, iterations.dropFirst()).allSatisfy { $0 < $1 })
        if case .newton = solver { #expect(iterations == Array(0...r.iterations)) }
        #expect(recorder.reports.last!.relativeImbalance <= options.tolerance)
        // the cost never rises along the reports of Newton and Osborne
        if case .flow = solver { return }
        let costs = recorder.reports.map(\.cost)
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-14) })
    }
}
