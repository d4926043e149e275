import ArgumentParser
import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing

/// `sbal balance`: balance a network and write the result.
package struct BalanceCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Balance a network: run a solver until |g|/C is below the tolerance, write the balanced network and a report."
    )

    @Argument(help: "Network file (.json or .npz; a sparse J: a .csv/.tsv edge list pre,post,weight or a scipy.sparse .npz, or a network .npz with J_format, J_data, ... beside W_in, b, W_out).")
    package var network: String

    @Option(help: "Solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")). auto (the default) runs osborne, the fastest on dense, scaled and sparse networks (README, Benchmarks).")
    package var solver: SolverName = .auto

    @Option(help: "Form of the flow integrators: jh (integrate J and h, as the reference code) or h (h alone, J rebuilt).")
    package var form: FlowFormName = .h

    @Option(help: "Stop when |g| / C is below this.")
    package var tolerance: Double = 1e-10

    @Option(help: "Step of euler / rk4 (default: a stable step from the largest weighted degree of the cost graph).")
    package var step: Double?

    @Option(name: .customLong("rtol"), help: "Relative tolerance of dopri's error control (default: min(1e-8, tolerance / 100); a looser one stalls above the tolerance).")
    package var relativeTolerance: Double?

    @Option(help: "Maximum number of iterations / steps.")
    package var maxIterations: Int?

    @Option(help: "Maximum flow time of the integrators.")
    package var maxTime: Double?

    @Option(help: ArgumentHelp("Bound S on the spread max h - min h of the log-scales beyond what balancing each strongly connected component needs, when the optimum is at infinity (synapses between components): the components' offsets stay within it. Default 16 ln 10 (a factor 1e16 between components' scales), capped so that every weight stays a normal Double.", valueName: "S"))
    package var maxLogScaleSpread: Double = BalancingOptions.defaultMaxLogScaleSpread

    @Option(help: "Seed of osborne-random and of the robustness trials.")
    package var seed: UInt64 = 1

    @Option(help: "Cost: file (the file's \"cost\", else frobenius), frobenius, robustness.")
    package var cost: CostName = .file

    @Option(name: [.customLong("gain-noise"), .customLong("noise")],
            help: "Noise level sigma of the runs that estimate the gains r_j of the robustness cost over all the file's trials (default 0: noiseless).")
    package var gainNoise: Double = 0

    @Option(help: "With --gain-noise > 0: noisy runs of each of the file's trials for the robustness gains (noiseless trials run once).")
    package var trials: Int = 10

    @Option(name: .shortAndLong, help: "Write the balanced network here (.json or .npz).")
    package var output: String?

    @Flag(name: .customLong("output-unconverged"), help: "Write --output even when the run does not converge (exit 1); without it an unconverged result is not written.")
    package var outputUnconverged = false

    @Option(help: "Write the report as JSON to this file.")
    package var report: String?

    @Option(help: "Write an SVG plot of the cost and |g| per step.")
    package var svg: String?

    @Option(name: .customLong("costs-svg"), help: "Write an SVG heat map of the synaptic costs before and after.")
    package var costsSVG: String?

    @Flag(help: "Print the report as JSON.")
    package var json = false

    @Flag(help: "No progress lines on standard error.")
    package var quiet = false

    @OptionGroup package var inputOptions: InputFileOptions

    package init() {}

    package func validate() throws {
        guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a positive number") }
        if let step { guard step > 0, step.isFinite else { throw ValidationError("--step must be a positive number") } }
        if let relativeTolerance { guard relativeTolerance > 0 else { throw ValidationError("--rtol must be positive") } }
        if let maxIterations { guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive") } }
        if let maxTime { guard maxTime > 0 else { throw ValidationError("--max-time must be positive") } }
        guard maxLogScaleSpread >= 0, maxLogScaleSpread.isFinite else { throw ValidationError("--max-log-scale-spread must be a non-negative number") }
        guard gainNoise >= 0, gainNoise.isFinite else { throw ValidationError("--gain-noise must be a non-negative number") }
        guard trials > 0, trials <= 100_000 else { throw ValidationError("--trials must be in 1...100000") }
        for path in [output].compactMap({ $0 }) {
            guard (try? NetworkFile.format(of: path)) != nil || (SparseNetworkFile.isEdgeList(path) && SparseNetworkFile.isEdgeList(network)) else {
                throw ValidationError("--output must end in .json or .npz (.csv or .tsv for an edge-list input): \(path)")
            }
        }
    }

    /// The report of one balancing run.
    package struct Report: Codable, Sendable {
        package var network: String
        /// post_pre or pre_post, and where it came from: file, option or assumed.
        package var orientation: String
        package var orientationSource: String
        package var neurons: Int
        package var synapses: Int
        package var solver: String
        package var form: String?
        package var cost: String
        package var exponent: Double
        /// nil where Double cannot hold the cost; log10 of it is always given.
        package var initialCost: Double?
        package var finalCost: Double?
        package var log10InitialCost: Double?
        package var log10FinalCost: Double?
        package var relativeImbalance: Double
        package var tolerance: Double
        package var iterations: Int
        package var converged: Bool
        package var unboundedSynapses: [[Int]]
        /// The infimum of C over the input's orbit (below `finalCost` when some synapses are on no cycle: not attained).
        package var infimumCost: Double
        /// Cost inside strongly connected components (diagonal included) and on the synapses between them
        /// at the written point; `finalCost - infimumCost` is the gap.
        package var insideCost: Double
        package var crossCost: Double
        package var gap: Double
        /// The log-scale spread bound used, and the spread max h - min h of the result.
        package var maxLogScaleSpread: Double
        package var logScaleSpread: Double
        package var logScales: [Double]
        /// The gauge of h: no cost changes under h -> h + c on a connected component of the cost graph,
        /// and the solvers fix mean h = 0 on each, as the flow does (docs/reducible-networks.md "Gauge").
        /// It matters for noise robustness (x~ = D^-1 x rescales the noise's effect), so it is stated
        /// with the mean of h.
        package var gauge: String
        package var meanLogScale: Double
        /// Cost and |g|/C of the network that is written: the transform of the input by exp(h). For the
        /// (J, h) form this can differ from `finalCost`, which is the cost of the integrated J (off the orbit).
        package var transformedCost: Double
        package var transformedRelativeImbalance: Double
        /// max_t,k |y_balanced - y_original| / max |y_original| on the file's trial (nil without inputs).
        package var outputDeviation: Double?
        package var output: String?
        package var seconds: Double
        /// Neuron names of an edge list (unbounded synapses are named by them), nil otherwise.
        package var neuronNames: [String]? = nil
        /// How a sparse file's layout maps to J (nil for .json / .npz networks).
        package var layout: String? = nil
    }

    package var inputFile: String? { network }

    package func execute(_ console: Console) throws -> Int32 {
        var exponent: Double?
        do {
            return try execute(console, exponent: &exponent)
        } catch let BalancingError.nonFinite(field, k) where field.hasPrefix("costs") {
            throw CommandFailure("\(network): a synaptic cost c_ij = alpha_ij |J_ij|^p (cost \(cost.rawValue), p = \(exponent.map(format) ?? "?")) overflows a double (above 1.8e308) at synapse flat index \(k): \(field)")
        }
    }

    func execute(_ console: Console, exponent: inout Double?) throws -> Int32 {
        try CommandSupport.requireWritable([(output, "--output"), (report, "--report"), (svg, "--svg"), (costsSVG, "--costs-svg")])
        if SparseNetworkFile.isSparse(network) { return try executeSparse(console) }
        let document = try CommandSupport.readNetwork(network, inputOptions)
        try CommandSupport.requireStatedRNNNonlinearity(document, path: network)
        let original = try CommandSupport.floatNetwork(document, path: network)
        let (costModel, costLabel, costEntry) = try chooseCost(document: document, network: original, console: console)
        exponent = costModel.exponent
        if let trialInputs = document.trialInputs {
            // The file's trials must be simulable before any balancing is spent on them.
            for inputs in trialInputs {
                _ = try CommandSupport.checkedOutputs(of: original, inputs: inputs,
                                                      initialState: document.initialState?.doubleValues ?? Array(repeating: 0, count: original.neuronCount),
                                                      what: "the file's network", path: network)
            }
        }
        let chosenSolver = try solverValue(network: original, cost: costModel)
        var options = BalancingOptions()
        options.tolerance = tolerance
        if let maxIterations { options.maxIterations = maxIterations }
        if let maxTime { options.maxTime = maxTime }
        options.recordPath = svg != nil
        // A fixed step that cannot reach the tolerance within the budget is reported early (issue 16).
        options.stopUnreachableFixedStep = true
        options.maxLogScaleSpread = maxLogScaleSpread
        if !quiet { options.progress = BalanceCommand.progressPrinter(console) }
        if !quiet {
            console.err("sbal balance: \(network): N = \(original.neuronCount), \(CommandSupport.synapseCount(original.recurrentWeights)) synapses, solver \(solver.label), cost \(costLabel)")
        }
        let started = Date()
        let (balancedNetwork, result) = try original.balanced(cost: costModel, solver: chosenSolver, options: options)
        let seconds = Date().timeIntervalSince(started)
        let (transformedCost, transformedRelative) = try transformFigures(
            converged: result.converged, allOnCycles: result.unboundedSynapses.isEmpty,
            finalCost: result.finalCost, relativeImbalance: result.relativeImbalance) {
            (try costModel.totalCost(of: balancedNetwork.recurrentWeights), try costModel.imbalance(of: balancedNetwork.recurrentWeights))
        }

        var deviation: Double?
        if let trialInputs = document.trialInputs {
            let x0 = document.initialState?.doubleValues ?? Array(repeating: 0, count: original.neuronCount)
            let scaled = zip(x0, result.logScales).map { $0 * exp(-$1) }  // x~ = D^-1 x
            deviation = try CommandSupport.noiselessComparison(
                original: original, balanced: balancedNetwork, trials: trialInputs, initialState: x0, balancedState: scaled,
                what: ("the file's network", "the balanced network"), path: network, balancedPath: network,
                balancedCode: SbalExitCode.checkFailed).deviation
        }
        let writtenOutput = output.flatMap { result.converged || outputUnconverged ? $0 : nil }
        if let output, writtenOutput == nil {
            console.err("sbal balance: \(output) not written: the run did not converge (|g| / C = \(format(result.relativeImbalance)) above the tolerance \(format(tolerance))); use --output-unconverged to write it anyway")
        }
        if let output = writtenOutput {
            var outDocument = try NetworkDocument(balancedNetwork, cost: costEntry, inputs: document.inputs,
                                                  initialState: document.initialState.map { state in
                                                      NumberMatrix(rows: state.rows, columns: 1,
                                                                   double: zip(state.doubleValues, result.logScales).map { $0 * exp(-$1) })
                                                  },
                                                  targets: document.targets, trialCount: document.trialCount,
                                                  description: "Balanced by sbal (\(solver.label), cost \(costLabel)) from \(network)")
            // Keep the exact time constants and nonlinearity of the input file.
            outDocument.timeConstant = document.timeConstant
            outDocument.timeStep = document.timeStep
            outDocument.slope = document.slope
            // Written back in the input's orientation (stated in the file), and a PyTorch state_dict under
            // its own names with both biases scaled by 1 / d_i.
            outDocument.orientation = document.orientation
            outDocument.torchRNN = document.torchRNN?.transformed(logScales: result.logScales)
            do {
                try NetworkFile.write(outDocument, to: output)
            } catch {
                throw CommandFailure("cannot write \(output): \(error)")
            }
        }
        let summary = Report(network: network, orientation: document.orientation.rawValue, orientationSource: document.orientationSource.rawValue,
                             neurons: original.neuronCount, synapses: CommandSupport.synapseCount(original.recurrentWeights),
                             solver: solver.label, form: [.euler, .rk4, .dopri].contains(solver) ? form.rawValue : nil,
                             cost: costLabel, exponent: costModel.exponent, tolerance: tolerance, result: result,
                             transformedCost: transformedCost, transformedRelativeImbalance: transformedRelative,
                             outputDeviation: deviation, output: writtenOutput, seconds: seconds)
        if let reportPath = report {
            try CommandSupport.write(text: try CommandSupport.json(summary) + "\n", to: reportPath)
        }
        if let svg {
            let plot = BalanceCommand.convergencePlot(result.path, title: "\(solver.label) on \(URL(fileURLWithPath: network).lastPathComponent)")
            try CommandSupport.write(text: plot, to: svg)
        }
        if let costsSVG {
            let before = try costModel.costs(of: original.recurrentWeights)
            let after = try costModel.costs(of: balancedNetwork.recurrentWeights)
            let plot = HeatMapPlot(title: "Synaptic costs c_ij before and after balancing (\(costLabel))", panels: [
                .init(title: "before: C = \(format(result.initialCost.isFinite ? result.initialCost : .nan))", rows: before.rows, columns: before.columns, values: before.elements),
                .init(title: "after: C = \(format(result.finalCost.isFinite ? result.finalCost : .nan))", rows: after.rows, columns: after.columns, values: after.elements),
            ])
            try CommandSupport.write(text: plot.svg(), to: costsSVG)
        }
        if json {
            console.out(try CommandSupport.json(summary))
        } else {
            console.out(BalanceCommand.humanReport(summary))
        }
        return result.converged ? SbalExitCode.ok : SbalExitCode.checkFailed
    }

    /// Prints the solver's progress on standard error at most once a second (the first line after 1 s).
    static func progressPrinter(_ console: Console) -> ProgressHandler {
        let started = Date()
        let last = ProgressClock()
        nonisolated(unsafe) let console = console  // the solvers call back on the calling thread
        return ProgressHandler { state in
            let elapsed = Date().timeIntervalSince(started)
            guard last.due(at: elapsed) else { return }
            let time = state.time.map { ", t = \(format($0))" } ?? ""
            console.err("sbal balance: \(state.iterations) iterations\(time), C = \(format(state.cost)), |g|/C = \(format(state.relativeImbalance)), \(String(format: "%.1f", elapsed)) s")
        }
    }

    /// Cost model, its label, and the cost entry stored in the output file.
    func chooseCost(document: NetworkDocument, network: RecurrentNetwork, console: Console) throws -> (CostModel, String, NetworkDocument.Cost?) {
        try BalanceCommand.chooseCost(cost, document: document, network: network, path: self.network, trials: trials, noise: gainNoise,
                                      seed: seed, console: quiet ? nil : console)
    }

    /// Cost model, its label, and the cost entry stored in the output file. `console` receives a
    /// progress line about the robustness gains (nil: silent).
    /// `givenTrials` are the trials of the run when they are not the file's (`simulate --steps`): the
    /// robustness gains then come from them.
    static func chooseCost(_ cost: CostName, document: NetworkDocument, network: RecurrentNetwork, path: String, trials: Int,
                           noise: Double, seed: UInt64, console: Console?,
                           givenTrials: [[[Double]]]? = nil) throws -> (CostModel, String, NetworkDocument.Cost?) {
        switch cost {
        case .file:
            let fileModel: CostModel?
            do { fileModel = try document.costModel() } catch { throw CommandFailure("\(path): \(error)") }
            if let model = fileModel { return (model, "file (p = \(document.cost!.exponent))", document.cost) }
            return (try CostModel(exponent: 2, weighting: .uniform), "frobenius", NetworkDocument.Cost(exponent: 2, weights: .uniform))
        case .frobenius:
            return (try CostModel(exponent: 2, weighting: .uniform), "frobenius", NetworkDocument.Cost(exponent: 2, weights: .uniform))
        case .robustness:
            guard let trialInputs = givenTrials ?? document.trialInputs, trialInputs.first?.isEmpty == false else {
                throw CommandFailure("\(path): the robustness cost needs trial inputs (\"inputs\", or \"targets\" for a network without inputs) in the network file to estimate the mean gains")
            }
            let x0 = document.initialState?.doubleValues ?? Array(repeating: 0, count: network.neuronCount)
            let estimate = try RobustnessGains(network: network, trials: trialInputs, initialState: x0,
                                               repetitions: noise > 0 ? trials : 1, noise: noise, seed: seed)
            let gains = estimate.gains
            if let console {
                console.err("sbal: robustness gains r_j from \(estimate.simulatedTrials) run(s) of \(estimate.steps) steps (\(trialInputs.count) trial(s)\(givenTrials == nil ? " in the file" : ""), gain noise \(format(noise))): min \(format(gains.min() ?? 0)), mean \(format(gains.reduce(0, +) / Double(max(gains.count, 1)))), max \(format(gains.max() ?? 0))")
                if let warning = silentNeuronWarning(estimate, names: nil) { console.err("sbal: warning: " + warning) }
            }
            let entry = NetworkDocument.Cost(exponent: 2, weights: .presynaptic(NumberMatrix(rows: gains.count, columns: 1, double: gains)))
            return (try CostModel.robustness(gains: gains), "robustness", entry)
        }
    }

    /// "3 of 100 neurons are silent ..." naming the first silent neurons and the share of the
    /// Frobenius cost the robustness cost sets aside; nil when no neuron is silent.
    static func silentNeuronWarning(_ estimate: RobustnessGains, names: [String]?) -> String? {
        let silent = estimate.silentNeurons
        guard !silent.isEmpty else { return nil }
        let shown = silent.prefix(10).map { names?[$0] ?? String($0) }.joined(separator: ", ") + (silent.count > 10 ? ", ..." : "")
        return "\(silent.count) of \(estimate.gains.count) neurons are silent in every gain run (r_j = 0): \(shown); "
            + "the robustness cost sets aside their outgoing synapses, \(format(100 * estimate.setAsideShare))% of sum |J_ij|^2 (i != j). "
            + "More trials (the file's \"inputs\" as trials x T x M) or --gain-noise make the gains cover them"
    }

    /// The library solver for the options; the default Euler/RK4 step is 1 / (p * 2 max_i sum_j W_ij),
    /// below the stability limit 2 / (p lambda_max(L)) since lambda_max(L) <= 2 max degree.
    func solverValue(network: RecurrentNetwork, cost: CostModel) throws -> BalancingSolver {
        try BalanceCommand.solverValue(solver, form: form, step: step, relativeTolerance: relativeTolerance ?? min(1e-8, tolerance / 100),
                                       seed: seed, network: network, cost: cost)
    }

    static func solverValue(_ solver: SolverName, form: FlowFormName, step: Double?, relativeTolerance: Double, seed: UInt64,
                            network: RecurrentNetwork, cost: CostModel) throws -> BalancingSolver {
        let flowForm: FlowForm = form == .jh ? .weightsAndLogScales : .logScalesOnly
        func defaultStep() throws -> Double {
            // M = 2 max_i sum_{j != i} (c_ij + c_ji) bounds lambda_max of the cost Laplacian (Gershgorin)
            let m = try CostLaplacian(weights: network.recurrentWeights, cost: cost).gershgorinBound
            return m > 0 ? 1 / (cost.exponent * m) : 1
        }
        switch solver.resolved {
        case .newton: return .newton
        case .osborne, .auto: return .osborneCyclic
        case .osborneRandom: return .osborneRandomized(seed: seed)
        case .euler: return .flow(.euler(step: try step ?? defaultStep()), flowForm)
        case .rk4: return .flow(.rungeKutta4(step: try step ?? defaultStep()), flowForm)
        case .dopri: return .flow(.dormandPrince(relativeTolerance: relativeTolerance), flowForm)
        }
    }

    /// Human-readable report.
    /// The gauge the solvers fix (stated in the report).
    static let gauge = "mean h = 0 on each connected component of the cost graph (the flow dh/dt = g keeps it: g sums to 0 there)"

    /// C and |g| / C of the written network, the transform by exp(h). Unless the (J, h) form integrated
    /// its own J or some synapses are on no cycle, a converged result's final cost and |g|/C are already
    /// those of the transform (evaluated at the returned h): only then are they not computed again;
    /// otherwise `recompute` gives C and g from the written weights (nil: C overflows Double, reported
    /// as inf with |g| / C undefined). |g| / C is 0 for a network without cost, as the solvers report it.
    func transformFigures(converged: Bool, allOnCycles: Bool, finalCost: Double, relativeImbalance: Double,
                          recompute: () throws -> (cost: Double, imbalance: [Double])?) rethrows -> (cost: Double, relative: Double) {
        let integratedOwnWeights = [.euler, .rk4, .dopri].contains(solver) && form == .jh
        if converged, allOnCycles, !integratedOwnWeights, finalCost.isFinite, relativeImbalance.isFinite {
            return (finalCost, finalCost > 0 ? relativeImbalance : 0)
        }
        guard let (cost, g) = try recompute() else { return (.infinity, .nan) }
        return (cost, cost > 0 ? g.map { $0 * $0 }.reduce(0, +).squareRoot() / cost : 0)
    }

    static func humanReport(_ r: Report) -> String {
        var lines: [String] = []
        if r.layout == nil, r.orientationSource == NetworkOrientation.Source.assumed.rawValue, let o = NetworkOrientation(rawValue: r.orientation) {
            lines.append("orientation    " + o.describe(source: .assumed))
        }
        if let layout = r.layout { lines.append("orientation    " + layout) }
        lines.append("network        \(r.network): N = \(r.neurons), \(r.synapses) synapses")
        lines.append("solver         \(r.solver)\(r.form.map { " (form \($0))" } ?? ""), cost \(r.cost)")
        func costText(_ c: Double?, _ log10: Double?) -> String {
            if let c, c > 0, c >= Double.leastNormalMagnitude { return format(c) }
            if let log10 { return "10^\(format(log10))" }
            return c.map(format) ?? "-"
        }
        let ratio: String
        if let a = r.log10InitialCost, let b = r.log10FinalCost { ratio = abs(b - a) < 300 ? format(pow(10, b - a)) : "10^\(format(b - a))" } else { ratio = "-" }
        lines.append("cost C         \(costText(r.initialCost, r.log10InitialCost)) -> \(costText(r.finalCost, r.log10FinalCost))  (ratio \(ratio))")
        lines.append("|g| / C        \(format(r.relativeImbalance))  (tolerance \(format(r.tolerance)))")
        lines.append("iterations     \(r.iterations)  in \(String(format: "%.3f", r.seconds)) s")
        if !r.unboundedSynapses.isEmpty {
            lines.append("unbounded      \(r.unboundedSynapses.count) synapse(s) on no directed cycle: their cost decays to 0 (optimum at infinity): " +
                         r.unboundedSynapses.prefix(8).map { s in r.neuronNames.map { "\($0[s[1]])->\($0[s[0]])" } ?? "\(s[1])->\(s[0])" }.joined(separator: ", ") + (r.unboundedSynapses.count > 8 ? ", ..." : ""))
            lines.append("components     cost inside strongly connected components \(format(r.insideCost))\(r.converged && r.form == nil ? " (balanced)" : ""), between them \(format(r.crossCost))")
            lines.append("infimum        C -> \(format(r.infimumCost)) as the costs between components vanish (not attained); gap \(format(r.gap)) at log-scale spread \(format(r.logScaleSpread)) (bound \(format(r.maxLogScaleSpread)) beyond what the components need themselves)")
        }
        lines.append("gauge          \(r.gauge); mean h = \(format(r.meanLogScale))")
        if r.form == "jh" {
            lines.append("transform      D^-1 J D with d = exp(h): C = \(format(r.transformedCost)), |g| / C = \(format(r.transformedRelativeImbalance))  (the integrated J drifts off the orbit)")
        }
        if let d = r.outputDeviation { lines.append("outputs        max relative deviation balanced vs original on the file's trials: \(format(d))") }
        if let o = r.output { lines.append("written        \(o)") }
        lines.append(r.converged ? "result         converged" : "result         NOT converged (|g|/C above the tolerance)")
        return lines.joined(separator: "\n")
    }

    /// SVG: cost and |g| per step on log scales.
    static func convergencePlot(_ path: [PathPoint], title: String) -> String {
        let useTime = path.count > 1 && path.last!.time > 0
        let xs = path.enumerated().map { useTime ? $1.time : Double($0) }
        var costPanel = LinePlot(title: "cost C  (\(title))", xLabel: useTime ? "flow time t" : "iteration", yLabel: "C - C_final", logY: true)
        let finalCost = path.last?.cost ?? 0
        costPanel.series.append(.init(label: "C - C_final", points: zip(xs, path).map { ($0, $1.cost - finalCost) }, color: LinePlot.palette[0]))
        var imbalancePanel = LinePlot(title: "imbalance |g|", xLabel: useTime ? "flow time t" : "iteration", yLabel: "|g|", logY: true)
        imbalancePanel.series.append(.init(label: "|g|", points: zip(xs, path).map { ($0, $1.imbalanceNorm) }, color: LinePlot.palette[1]))
        return LinePlot.svg(panels: [costPanel, imbalancePanel])
    }
}
