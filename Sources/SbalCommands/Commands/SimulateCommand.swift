import ArgumentParser
import Foundation
import NetworkFiles
import SynapticBalancing

/// `sbal simulate`: noisy trials of the original and the balanced network; task loss against noise.
package struct SimulateCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Noisy trials of the original and balanced networks: task loss (MSE of the noisy output against the noiseless original output) per noise level.",
        discussion: "The balanced network is read with --balanced, or computed here with --solver and --cost (default: the robustness cost). Both networks get the same noise samples (same seeds)."
    )

    @Argument(help: "Network file (.json or .npz) with a trial (\"inputs\"), or use --steps.")
    package var network: String

    @Option(help: "Balanced network file; if absent the network is balanced here.")
    package var balanced: String?

    @Option(help: "Solver used when balancing here.")
    package var solver: SolverName = .newton

    @Option(help: "Cost used when balancing here: robustness, frobenius or file.")
    package var cost: CostName = .robustness

    @Option(help: "Comma-separated noise levels sigma (noise sqrt(dt) sigma xi per step).")
    package var noise: String = "0.01,0.02,0.05,0.1,0.2,0.5"

    @Option(help: "Trials per noise level.")
    package var trials: Int = 20

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
        guard trials > 0, trials <= 100_000 else { throw ValidationError("--trials must be in 1...100000") }
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
        package var originalLoss: Double
        package var balancedLoss: Double
        /// balanced / original; nil (left out of the JSON, "-" in the table) when the original loss is 0.
        package var ratio: Double?
    }

    /// The whole result.
    package struct Summary: Codable, Sendable {
        package var network: String
        package var balanced: String
        package var trials: Int
        package var steps: Int
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
        let inputs: [[Double]]
        if let fileInputs = document.trialInputs, !fileInputs.isEmpty {
            inputs = fileInputs
        } else if let steps {
            inputs = Array(repeating: Array(repeating: 0, count: original.inputCount), count: steps)
        } else {
            throw CommandFailure("\(network): no trial inputs (\"inputs\") in the file; give --steps T to simulate T steps with zero input")
        }
        let x0 = document.initialState?.doubleValues ?? Array(repeating: 0, count: n)
        guard original.outputCount > 0 else { throw CommandFailure("\(network): the network has no outputs (W_out is empty), so there is no task loss") }

        // The balanced network and its initial state x~ = D^-1 x0.
        let balancedNetwork: RecurrentNetwork
        let balancedState: [Double]
        let balancedLabel: String
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
                                                                  noise: 0, seed: seed, console: nil)
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
        }

        let clean = try CommandSupport.checkedOutputs(of: original, inputs: inputs, initialState: x0, what: "the file's network (noiseless)", path: network)
        let cleanBalanced = try CommandSupport.checkedOutputs(of: balancedNetwork, inputs: inputs, initialState: balancedState,
                                                              what: "the balanced network (noiseless)", path: balanced ?? network,
                                                              code: balanced == nil ? SbalExitCode.checkFailed : SbalExitCode.badInput)
        let scale = max(clean.flatMap { $0 }.map(abs).max() ?? 0, .leastNormalMagnitude)
        let deviation = (zip(clean, cleanBalanced).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0) / scale

        func loss(_ net: RecurrentNetwork, state: [Double], sigma: Double) throws -> Double {
            var total = 0.0
            for k in 0..<trials {
                let y = try net.simulate(inputs: inputs, initialState: state, noise: NoiseModel(standardDeviation: sigma, seed: seed &+ UInt64(k))).outputs
                var sum = 0.0, count = 0
                for (a, b) in zip(y, clean) { for (u, v) in zip(a, b) { sum += (u - v) * (u - v); count += 1 } }
                total += sum / Double(max(count, 1))
            }
            return total / Double(trials)
        }
        var rows: [Row] = []
        for sigma in try noiseLevels() {
            let a = try loss(original, state: x0, sigma: sigma)
            let b = try loss(balancedNetwork, state: balancedState, sigma: sigma)
            guard a.isFinite, b.isFinite else {
                throw CommandFailure("the noisy simulation overflowed at noise level \(sigma) (task loss \(a) original, \(b) balanced): use smaller --noise levels")
            }
            rows.append(Row(noise: sigma, originalLoss: a, balancedLoss: b, ratio: a > 0 ? b / a : nil))
        }
        let summary = Summary(network: network, balanced: balancedLabel, trials: trials, steps: inputs.count,
                              originalCost: try reference.totalCost(of: original.recurrentWeights),
                              balancedCost: try reference.totalCost(of: balancedNetwork.recurrentWeights),
                              deterministicDeviation: deviation, rows: rows)
        if let svg {
            var plot = LinePlot(title: "Task loss under hidden noise", xLabel: "noise level sigma", yLabel: "task loss (MSE vs noiseless output)", logX: true, logY: true)
            plot.series.append(.init(label: "original", points: rows.map { ($0.noise, $0.originalLoss) }, color: LinePlot.palette[0], markers: true))
            plot.series.append(.init(label: "balanced", points: rows.map { ($0.noise, $0.balancedLoss) }, color: LinePlot.palette[1], markers: true))
            var ratio = LinePlot(title: "Ratio balanced / original", xLabel: "noise level sigma", yLabel: "loss ratio", logX: true)
            ratio.series.append(.init(label: "balanced / original", points: rows.compactMap { row in row.ratio.map { (row.noise, $0) } }, color: LinePlot.palette[2], markers: true))
            ratio.series.append(.init(label: "1 (no change)", points: rows.map { ($0.noise, 1.0) }, color: "#888888", dashed: true))
            try CommandSupport.write(text: LinePlot.svg(panels: [plot, ratio]), to: svg)
        }
        let orientationLine = CommandSupport.orientationLine(document, labelWidth: 11)
        if json {
            if let orientationLine { console.err(orientationLine) }
            console.out(try CommandSupport.json(summary))
        } else {
            if let orientationLine { console.out(orientationLine) }
            console.out("network    \(network)  (N = \(n), \(inputs.count) steps, \(trials) trials per level)")
            console.out("balanced   \(balancedLabel)")
            console.out("cost       \(format(summary.originalCost)) -> \(format(summary.balancedCost))")
            console.out("noiseless outputs: max relative deviation \(format(deviation))")
            console.out("")
            console.out(CommandSupport.table(["sigma", "loss original", "loss balanced", "ratio"],
                                             rows.map { [format($0.noise), format($0.originalLoss), format($0.balancedLoss), $0.ratio.map(format) ?? "-"] }))
        }
        // The balanced network must compute the same function without noise.
        return deviation <= 1e-8 ? SbalExitCode.ok : SbalExitCode.checkFailed
    }
}
