import Foundation
import SynapticBalancing

/// What the dense and sparse balancing results share, for the one report both `sbal balance` paths write.
protocol BalancingOutcome {
    var logScales: [Double] { get }
    var initialCost: Double { get }
    var finalCost: Double { get }
    var initialLogCost: Double { get }
    var finalLogCost: Double { get }
    var relativeImbalance: Double { get }
    var iterations: Int { get }
    var unboundedSynapses: [SynapseIndex] { get }
    var converged: Bool { get }
    var infimumCost: Double { get }
    var insideCost: Double { get }
    var crossCost: Double { get }
    var maxLogScaleSpread: Double { get }
}

extension BalancingResult: BalancingOutcome {}
extension SparseBalancingResult: BalancingOutcome {}

extension BalanceCommand.Report {
    /// The report of a run: the result's fields (costs that Double cannot hold left out, log10 always
    /// given), the gauge and the mean of h, and what the command measured around the solve.
    init(network: String, orientation: String, orientationSource: String, neurons: Int, synapses: Int, solver: String, form: String?,
         cost: String, exponent: Double, tolerance: Double, result: some BalancingOutcome, transformedCost: Double,
         transformedRelativeImbalance: Double, outputDeviation: Double?, output: String?, seconds: Double) {
        let h = result.logScales
        self.init(network: network, orientation: orientation, orientationSource: orientationSource, neurons: neurons, synapses: synapses,
                  solver: solver, form: form, cost: cost, exponent: exponent,
                  initialCost: result.initialCost.isFinite ? result.initialCost : nil,
                  finalCost: result.finalCost.isFinite ? result.finalCost : nil,
                  log10InitialCost: result.initialLogCost.isFinite ? result.initialLogCost / M_LN10 : nil,
                  log10FinalCost: result.finalLogCost.isFinite ? result.finalLogCost / M_LN10 : nil,
                  relativeImbalance: result.relativeImbalance, tolerance: tolerance, iterations: result.iterations,
                  converged: result.converged, unboundedSynapses: result.unboundedSynapses.map { [$0.post, $0.pre] },
                  infimumCost: result.infimumCost, insideCost: result.insideCost, crossCost: result.crossCost,
                  gap: max(0, result.finalCost - result.infimumCost), maxLogScaleSpread: result.maxLogScaleSpread,
                  logScaleSpread: (h.max() ?? 0) - (h.min() ?? 0), logScales: h, gauge: BalanceCommand.gauge,
                  meanLogScale: h.reduce(0, +) / Double(max(h.count, 1)), transformedCost: transformedCost,
                  transformedRelativeImbalance: transformedRelativeImbalance, outputDeviation: outputDeviation, output: output, seconds: seconds)
    }
}
