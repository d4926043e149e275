import ArgumentParser
import Foundation
import NetworkFiles
import SynapticBalancing

/// `sbal simulate`: noisy trials of the original and the balanced network; task loss against noise.
package struct SimulateCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Noisy trials of the original and balanced networks: task loss per noise level, against the file's targets or else the noiseless original output.",
        discussion: "The file's trials (\"inputs\": T x M for one, trials x T x M for many) are run in turn: noisy run k uses trial k mod trials and seed + k. The loss is reported two ways: the mean over runs of each run's MSE (with its standard error) and the paper's MSE of the outputs averaged over the runs of each trial. The reference is the file's \"targets\" (same shape as the trials' outputs, row t compared with the output after step t + 1) when present, else the noiseless output of the original network. The balanced network is read with --balanced, or computed here with --solver and --cost (default: the robustness cost, gains over all the file's trials). Both networks get the same noise samples (same seeds)."
    )

    @Argument(help: "Network file (.json or .npz) with a trial (\"inputs\"), or use --steps.")
    package var network: String

    @Option(help: "Balanced network file; if absent the network is balanced here.")
    package var balanced: String?

    @Option(help: "Solver used when balancing here.")
    package var solver: SolverName = .newton

    @Option(help: "Cost used when balancing here: robustness, frobenius or file.")
    package var cost: CostName = .robustness

    @Option(help: "Noise level of the gain runs of the robustness cost when balancing here (10 noisy runs of each of the file's trials; default 0: one noiseless run each).")
    package var gainNoise: Double = 0

    @Option(help: "Comma-separated noise levels sigma (noise sqrt(dt) sigma xi per step).")
    package var noise: String = "0.01,0.02,0.05,0.1,0.2,0.5"

    @Option(help: "Noisy runs per noise level (default: 20 rounded up to a multiple of the file's trials).")
    package var trials: Int?

    @Option(help: "Seed of the first trial (trial k uses seed + k).")
    package var seed: UInt64 = 1

    @Option(help: "Number of steps with zero input when the file has no \"inputs\".")
    package var steps: Int?

    @Option(help: "Write an SVG of task loss against noise level.")
    package var svg: String?

    @Flag(help: "Print JSON.")
    package var json = false

    @OptionGroup package var inputOptions: InputFileOptions

    package init() {}

    package func validate() throws {
        guard gainNoise >= 0, gainNoise.isFinite else { throw ValidationError("--gain-noise must be a non-negative number") }
        if let trials { guard trials > 0, trials <= 100_000 else { throw ValidationError("--trials must be in 1...100000") } }
        if let steps { guard steps > 0, steps <= 1_000_000 else { throw ValidationError("--steps must be in 1...1000000") } }
        guard let levels = try? noiseLevels(), !levels.isEmpty else {
            throw ValidationError("--noise must be a comma-separated list of non-negative numbers, got '\(noise)'")
        }
        _ = levels
    }

    func noiseLevels() throws -> [Double] {
        try noise.split(separator: ",").map { text in
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v >= 0, v.isFinite else { throw ValidationError("bad noise level '\(text)'") }
            return v
        }
    }

    /// One row of the result table.
    package struct Row: Codable, Sendable {
        package var noise: Double
        /// The mean over the noisy runs of each run's MSE against the reference, and its standard error.
        package var originalLoss: Double
        package var originalLossError: Double
        package var balancedLoss: Double
        package var balancedLossError: Double
        /// balanced / original; nil (left out of the JSON, "-" in the table) when the original loss is 0.
        package var ratio: Double?
        /// The MSE of the outputs averaged over the runs of each trial, against the reference, averaged
        /// over the trials (the paper's loss of trial-averaged outputs).
        package var originalMeanOutputLoss: Double
        package var balancedMeanOutputLoss: Double
        package var meanOutputRatio: Double?
    }

    /// The whole result.
    package struct Summary: Codable, Sendable {
        package var network: String
        package var balanced: String
        /// Noisy runs per noise level, the file's trials they cycle through, and the steps of each.
        package var trials: Int
        package var fileTrials: Int
        package var steps: Int
        /// "targets" (the file's) or "noiseless output" (of the original network).
        package var reference: String
        /// The gauge of the log-scales h when balanced here (nil for --balanced) and the mean of h.
        package var gauge: String?
        package var meanLogScale: Double?
        package var originalCost: Double
        package var balancedCost: Double
        /// Max relative deviation of the noiseless outputs (task preserved when ~1e-15).
        package var deterministicDeviation: Double
        package var rows: [Row]
    }

    package var inputFile: String? { network }

    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(svg, "--svg")])
        do {
            return try run(console)
        } catch let BalancingError.nonFinite(field, k) where field.hasPrefix("costs") {
            throw CommandFailure("\(network): a synaptic cost c_ij = alpha_ij |J_ij|^p (cost \(cost.rawValue)) overflows a double (above 1.8e308) at synapse flat index \(k) while balancing here: \(field)")
        }
    }

    func run(_ console: Console) throws -> Int32 {
        let document = try CommandSupport.readNetwork(network, inputOptions)
        let original = try CommandSupport.floatNetwork(document, path: network)
        let n = original.neuronCount
        let fileTrials: [[[Double]]]
        if let fileInputs = document.trialInputs, fileInputs.first?.isEmpty == false {
            fileTrials = fileInputs
        } else if let steps {
            fileTrials = [Array(repeating: Array(repeating: 0, count: original.inputCount), count: steps)]
        } else {
            throw CommandFailure("\(network): no trial inputs (\"inputs\") in the file; give --steps T to simulate T steps with zero input")
        }
        let targets = document.trialTargets.flatMap { $0.first?.isEmpty == false ? $0 : nil }
        let x0 = document.initialState?.doubleValues ?? Array(repeating: 0, count: n)
        guard original.outputCount > 0 else { throw CommandFailure("\(network): the network has no outputs (W_out is empty), so there is no task loss") }
        let runs = trials ?? fileTrials.count * ((20 + fileTrials.count - 1) / fileTrials.count)

        // The balanced network and its initial state x~ = D^-1 x0.
        let balancedNetwork: RecurrentNetwork
        let balancedState: [Double]
        let balancedLabel: String
        var logScales: [Double]?
        var reference = try CostModel(exponent: 2, weighting: .uniform)
        if let balanced {
            let other = try CommandSupport.readNetwork(balanced, inputOptions)
            balancedNetwork = try CommandSupport.floatNetwork(other, path: balanced)
            guard balancedNetwork.neuronCount == n, balancedNetwork.inputCount == original.inputCount, balancedNetwork.outputCount == original.outputCount else {
                throw CommandFailure("\(balanced): shapes differ from \(network)")
            }
            // The two files must be the same model (a transform keeps phi, tau, dt and the readout).
            guard balancedNetwork.readout == original.readout, balancedNetwork.nonlinearity == original.nonlinearity,
                  balancedNetwork.timeConstant == original.timeConstant, balancedNetwork.timeStep == original.timeStep else {
                throw CommandFailure("\(balanced): not the same model as \(network) (readout \(balancedNetwork.readout.rawValue) vs \(original.readout.rawValue), phi \(balancedNetwork.nonlinearity.name) vs \(original.nonlinearity.name), tau \(balancedNetwork.timeConstant) vs \(original.timeConstant), dt \(balancedNetwork.timeStep) vs \(original.timeStep)): a balanced network keeps all four")
            }
            balancedState = other.initialState?.doubleValues ?? x0
            balancedLabel = balanced
            if let model = try other.costModel() { reference = model }
        } else {
            let (model, label, _) = try BalanceCommand.chooseCost(cost, document: document, network: original, path: network, trials: 10,
                                                                  noise: gainNoise, seed: seed, console: nil, givenTrials: fileTrials)
            reference = model
            let chosen = try BalanceCommand.solverValue(solver, form: .h, step: nil, relativeTolerance: 1e-12, seed: seed, network: original, cost: model)
            // No log-scale spread beyond what the strongly connected components need themselves: neurons
            // silent in the gain runs (r_j = 0) make the robustness cost reducible, and pushing the
            // components apart towards the infimum (a factor up to 1e16 at the default bound) scales the
            // state noise of some neurons by as much: on Examples/random64.npz the balanced loss at
            // sigma = 0.01 was 1.2e12 against 2e-4 for the original (docs/reducible-networks.md).
            var options = BalancingOptions()
            options.maxLogScaleSpread = 0
            let (net, result) = try original.balanced(cost: model, solver: chosen, options: options)
            balancedNetwork = net
            balancedState = zip(x0, result.logScales).map { $0 * exp(-$1) }
            balancedLabel = "balanced here (\(solver.label), \(label) cost)"
            logScales = result.logScales
        }

        // Noiseless outputs of every trial: the task is preserved when they agree.
        let (deviation, clean) = try CommandSupport.noiselessComparison(
            original: original, balanced: balancedNetwork, trials: fileTrials, initialState: x0, balancedState: balancedState,
            what: ("the file's network (noiseless)", "the balanced network (noiseless)"), path: network, balancedPath: balanced ?? network,
            balancedCode: balanced == nil ? SbalExitCode.checkFailed : SbalExitCode.badInput)
        let referenceOutputs = targets ?? clean

        func loss(_ net: RecurrentNetwork, state: [Double], sigma: Double) throws -> NoisyTaskLoss {
            var estimate = NoisyTaskLoss.Accumulator(references: referenceOutputs)
            for k in 0..<runs {
                let trial = k % fileTrials.count
                let y = try net.simulate(inputs: fileTrials[trial], initialState: state,
                                         noise: NoiseModel(standardDeviation: sigma, seed: seed &+ UInt64(k))).outputs
                estimate.add(y, trial: trial)
            }
            return estimate.result
        }
        var rows: [Row] = []
        for sigma in try noiseLevels() {
            let a = try loss(original, state: x0, sigma: sigma)
            let b = try loss(balancedNetwork, state: balancedState, sigma: sigma)
            guard a.perRun.isFinite, b.perRun.isFinite, a.ofMeanOutput.isFinite, b.ofMeanOutput.isFinite else {
                throw CommandFailure("the noisy simulation overflowed at noise level \(sigma) (task loss \(a.perRun) original, \(b.perRun) balanced): use smaller --noise levels")
            }
            rows.append(Row(noise: sigma, originalLoss: a.perRun, originalLossError: a.standardError, balancedLoss: b.perRun,
                            balancedLossError: b.standardError, ratio: a.perRun > 0 ? b.perRun / a.perRun : nil,
                            originalMeanOutputLoss: a.ofMeanOutput, balancedMeanOutputLoss: b.ofMeanOutput,
                            meanOutputRatio: a.ofMeanOutput > 0 ? b.ofMeanOutput / a.ofMeanOutput : nil))
        }
        let referenceName = targets == nil ? "noiseless output" : "targets"
        let summary = Summary(network: network, balanced: balancedLabel, trials: runs, fileTrials: fileTrials.count, steps: fileTrials[0].count,
                              reference: referenceName, gauge: logScales == nil ? nil : BalanceCommand.gauge,
                              meanLogScale: logScales.map { $0.reduce(0, +) / Double(max($0.count, 1)) },
                              originalCost: try reference.totalCost(of: original.recurrentWeights),
                              balancedCost: try reference.totalCost(of: balancedNetwork.recurrentWeights),
                              deterministicDeviation: deviation, rows: rows)
        if let svg {
            var plot = LinePlot(title: "Task loss under hidden noise", xLabel: "noise level sigma", yLabel: "task loss (MSE vs \(referenceName))", logX: true, logY: true)
            plot.series.append(.init(label: "original (mean +- s.e. over runs)", points: rows.map { ($0.noise, $0.originalLoss) }, color: LinePlot.palette[0], markers: true,
                                     errors: rows.map(\.originalLossError)))
            plot.series.append(.init(label: "balanced (mean +- s.e. over runs)", points: rows.map { ($0.noise, $0.balancedLoss) }, color: LinePlot.palette[1], markers: true,
                                     errors: rows.map(\.balancedLossError)))
            var ratio = LinePlot(title: "Ratio balanced / original", xLabel: "noise level sigma", yLabel: "loss ratio", logX: true)
            ratio.series.append(.init(label: "per-run MSE", points: rows.compactMap { row in row.ratio.map { (row.noise, $0) } }, color: LinePlot.palette[2], markers: true))
            ratio.series.append(.init(label: "MSE of trial-averaged outputs", points: rows.compactMap { row in row.meanOutputRatio.map { (row.noise, $0) } }, color: LinePlot.palette[3], markers: true))
            ratio.series.append(.init(label: "1 (no change)", points: rows.map { ($0.noise, 1.0) }, color: "#888888", dashed: true))
            try CommandSupport.write(text: LinePlot.svg(panels: [plot, ratio]), to: svg)
        }
        let orientationLine = CommandSupport.orientationLine(document, labelWidth: 11)
        if json {
            if let orientationLine { console.err(orientationLine) }
            console.out(try CommandSupport.json(summary))
        } else {
            if let orientationLine { console.out(orientationLine) }
            let trialText = fileTrials.count == 1 ? "1 trial" : "\(fileTrials.count) trials"
            console.out("network    \(network)  (N = \(n), \(trialText) of \(fileTrials[0].count) steps, \(runs) noisy runs per level)")
            console.out("balanced   \(balancedLabel)")
            if let mean = summary.meanLogScale, let gauge = summary.gauge { console.out("gauge      \(gauge); mean h = \(format(mean))") }
            console.out("cost       \(format(summary.originalCost)) -> \(format(summary.balancedCost))")
            console.out("noiseless outputs: max relative deviation \(format(deviation))")
            console.out("loss       MSE against the \(referenceName): per run (+- standard error), and of the outputs averaged over each trial's runs")
            console.out("")
            console.out(CommandSupport.table(["sigma", "loss original", "loss balanced", "ratio", "mean-output ratio"],
                                             rows.map { [format($0.noise), format($0.originalLoss) + " +- " + format($0.originalLossError),
                                                         format($0.balancedLoss) + " +- " + format($0.balancedLossError),
                                                         $0.ratio.map(format) ?? "-", $0.meanOutputRatio.map(format) ?? "-"] }))
        }
        // The balanced network must compute the same function without noise.
        return deviation <= 1e-8 ? SbalExitCode.ok : SbalExitCode.checkFailed
    }
}
