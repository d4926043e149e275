import Foundation
import NetworkFiles
import SynapticBalancing

extension BalanceCommand {
    /// `sbal balance` on a sparse file (a CSV/TSV edge list, a scipy.sparse `.npz`, or a network `.npz`
    /// with a sparse J beside W_in, b, W_out): J is balanced in CSR by the sparse solver, never
    /// densified; the result is written in the input's layout (an edge list with the same names plus
    /// `<output>.h.<ext>`, or an `.npz` in the input's storage and orientation with `h`, W_in, b and
    /// W_out transformed with J).
    /// The exact and trial-based paths (robustness cost, --costs-svg, flow solvers' default step,
    /// the file's own cost) need a dense network and are refused.
    func executeSparse(_ console: Console) throws -> Int32 {
        var input: SparseNetwork
        do {
            input = try SparseNetworkFile.read(network, limits: inputOptions.limits(), orientation: inputOptions.orientation)
        } catch {
            throw CommandSupport.fileFailure(error, path: network)
        }
        guard cost != .robustness else { throw CommandFailure("\(network): the robustness cost needs trial inputs, which a sparse file does not hold") }
        guard costsSVG == nil else { throw CommandFailure("--costs-svg draws dense N x N heat maps; it is not available for a sparse file") }
        if [.euler, .rk4].contains(solver), step == nil {
            throw CommandFailure("\(network): give --step for \(solver.rawValue) on a sparse file (the default step is computed densely)")
        }
        if let output, SparseNetworkFile.isEdgeList(output) != SparseNetworkFile.isEdgeList(network) {
            throw CommandFailure("--output \(output): write a sparse network in its input's format (\(SparseNetworkFile.isEdgeList(network) ? ".csv or .tsv" : ".npz"))")
        }
        guard input.transformPreservesTask else {
            throw CommandFailure("\(network): \(input.nonlinearityName) is not positively homogeneous, so phi(D x) != D phi(x) and no rescaling preserves the network's task; balancing is refused")
        }
        let fileCost = cost == .file ? try input.fileCost() : nil
        let costModel = try fileCost ?? CostModel(exponent: 2, weighting: .uniform)
        let costLabel = fileCost == nil ? "frobenius" : "file (p = \(format(costModel.exponent)))"
        let chosen: BalancingSolver
        switch solver {
        case .newton: chosen = .newton
        case .auto, .osborne: chosen = .osborneCyclic
        case .osborneRandom: chosen = .osborneRandomized(seed: seed)
        case .euler: chosen = .flow(.euler(step: step!), form == .jh ? .weightsAndLogScales : .logScalesOnly)
        case .rk4: chosen = .flow(.rungeKutta4(step: step!), form == .jh ? .weightsAndLogScales : .logScalesOnly)
        case .dopri: chosen = .flow(.dormandPrince(relativeTolerance: relativeTolerance ?? min(1e-8, tolerance / 100)), form == .jh ? .weightsAndLogScales : .logScalesOnly)
        }
        var options = BalancingOptions()
        options.tolerance = tolerance
        if let maxIterations { options.maxIterations = maxIterations }
        if let maxTime { options.maxTime = maxTime }
        options.recordPath = svg != nil
        options.maxLogScaleSpread = maxLogScaleSpread
        if !quiet { options.progress = BalanceCommand.progressPrinter(console) }
        let synapses = input.weights.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        let neurons = input.neuronCount
        if !quiet {
            console.err("sbal balance: \(network): N = \(neurons), \(synapses) synapses (sparse), solver \(solver.label), cost \(costLabel)")
        }
        // J is handed over (its only reference): the balanced weights take its storage
        let J = input.takeWeights()
        let started = Date()
        let result = try balance(consume J, cost: costModel, solver: chosen, options: options)
        let seconds = Date().timeIntervalSince(started)
        let (transformedCost, transformedRelative) = transformFigures(
            converged: result.converged, allOnCycles: result.unboundedSynapses.isEmpty,
            finalCost: result.finalCost, relativeImbalance: result.relativeImbalance) {
            try? costModel.costAndImbalance(of: result.balancedWeights)
        }
        let writtenOutput = output.flatMap { result.converged || outputUnconverged ? $0 : nil }
        if let output, writtenOutput == nil {
            console.err("sbal balance: \(output) not written: the run did not converge (|g| / C = \(format(result.relativeImbalance)) above the tolerance \(format(tolerance))); use --output-unconverged to write it anyway")
        }
        var summary = Report(network: network, orientation: input.orientation.rawValue, orientationSource: input.orientationSource.rawValue,
                             neurons: neurons, synapses: synapses, solver: solver.label,
                             form: [.euler, .rk4, .dopri].contains(solver) ? form.rawValue : nil, cost: costLabel, exponent: costModel.exponent,
                             tolerance: tolerance, result: result, transformedCost: transformedCost,
                             transformedRelativeImbalance: transformedRelative,
                             outputDeviation: nil, output: writtenOutput, seconds: seconds)
        summary.neuronNames = input.neuronNames
        summary.layout = input.orientationDescription
        // The report (N log-scales: megabytes of JSON) is encoded on a second thread while the network
        // is written; it is printed only once the network is in place.
        final class Encoded: @unchecked Sendable { var json: Result<String, Error>? }
        let encoded = Encoded()
        let finished = summary
        let wantsJSON = json || report != nil
        let encodeReport: @Sendable () -> Void = { if wantsJSON { encoded.json = Result { try CommandSupport.json(finished) } } }
        if let output = writtenOutput {
            do {
                let balanced = try input.transformed(to: result.balancedWeights, logScales: result.logScales)
                try concurrently({ try SparseNetworkFile.write(balanced, logScales: result.logScales, to: output) },
                                 background: encodeReport)
            } catch {
                throw CommandFailure("cannot write \(output): \(error)")
            }
        } else {
            encodeReport()
        }
        if let reportPath = report, let text = try encoded.json?.get() {
            try CommandSupport.write(text: text + "\n", to: reportPath)
        }
        if let svg {
            let plot = BalanceCommand.convergencePlot(result.path, title: "\(solver.rawValue) on \(URL(fileURLWithPath: network).lastPathComponent)")
            try CommandSupport.write(text: plot, to: svg)
        }
        console.out(json ? try encoded.json!.get() : BalanceCommand.humanReport(summary))
        return result.converged ? SbalExitCode.ok : SbalExitCode.checkFailed
    }
}
