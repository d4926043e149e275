import ArgumentParser
import Foundation
import Training

/// `sbal fig4`: the paper's Fig 4 (training with an l2 penalty drives J to balance; balancing with the
/// robustness cost lowers the loss under noise). The work is `Training.Fig4Pipeline`; this command parses,
/// plots and writes.
package struct Fig4Command: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "fig4",
        abstract: "Reproduce Fig 4: |g| during training with lambda in {0, 0.1, 0.3} vs a permutation null, and noise robustness after balancing.",
        discussion: """
        Panel a: the same initial weights (--seed) trained with lambda = 0, 0.1, 0.3 (SGD, as sbal train); \
        |g| of the Frobenius cost of J per iteration, and at the final iterate against --permutations random \
        permutations of the presynaptic index of J o J. Panel b: --networks lambda = 0.3 networks (the first \
        is panel a's, the others start from seeds seed + 1, ...): gains r_j from noise-free runs on \
        --gain-sets trial sets, balancing with c_ij = r_j J_ij^2 by the flow dh/dt = g to T = 3000, then the \
        trial-averaged MSE on --eval-sets trial sets under state noise eps = 0, 0.03, ..., 0.27 (the same \
        noise draws for both networks); the ratio balanced / original against eps / sigma_x, and the total \
        robustness cost before and after (inset).

        Writes into --output-dir: fig4a.svg, fig4b.svg and fig4.json (every plotted number).
        """
    )

    @Option(help: "Number of neurons N.")
    package var neurons: Int = 256

    @Option(help: "SGD iterations per training run.")
    package var iterations: Int = 6000

    @Option(help: "Number of lambda = 0.3 networks in panel b (the first is panel a's).")
    package var networks: Int = 3

    @Option(help: "Seed of the initial weights, batches, trials and noise.")
    package var seed: UInt64 = 1

    @Option(name: .customLong("learning-rate"), help: "SGD learning rate.")
    package var learningRate: Double = 5e-3

    @Option(help: "Permutations of the null of panel a.")
    package var permutations: Int = 10_000

    @Option(name: .customLong("gain-sets"), help: "Trial sets (8 conditions each) for the gains.")
    package var gainSets: Int = 300

    @Option(name: .customLong("eval-sets"), help: "Trial sets (8 conditions each) for the noisy evaluation.")
    package var evalSets: Int = 300

    @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads (1 is fastest for training's 8 x N blocks; see README).")
    package var blasThreads: Int = 1

    @Option(help: "Training runs at a time (default: the number of cores; the results are the same for any value).")
    package var jobs: Int?

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: "Directory for fig4a.svg, fig4b.svg, fig4.json (created if missing).")
    package var outputDirectory: String

    @Flag(help: "No progress lines on standard error.")
    package var quiet = false

    package init() {}

    package func validate() throws {
        guard neurons > 0, neurons <= 4096 else { throw ValidationError("--neurons must be in 1 ... 4096, got \(neurons)") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be >= 1, got \(iterations)") }
        guard networks >= 1, networks <= 100 else { throw ValidationError("--networks must be in 1 ... 100, got \(networks)") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number") }
        guard permutations >= 1 else { throw ValidationError("--permutations must be >= 1, got \(permutations)") }
        guard gainSets >= 1 else { throw ValidationError("--gain-sets must be >= 1, got \(gainSets)") }
        guard evalSets >= 1 else { throw ValidationError("--eval-sets must be >= 1, got \(evalSets)") }
        guard blasThreads >= 1, blasThreads <= 256 else { throw ValidationError("--blas-threads must be in 1 ... 256, got \(blasThreads)") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs must be in 1 ... 64, got \(jobs)") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, FileManager.default.isWritableFile(atPath: outputDirectory) else {
                throw ValidationError("--output-dir: \(outputDirectory) is not a writable directory")
            }
        } else {
            let parent = URL(fileURLWithPath: outputDirectory).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: parent) else {
                throw ValidationError("--output-dir: cannot create \(outputDirectory) (parent \(parent) is not writable)")
            }
        }
    }

    package func execute(_ console: Console) throws -> Int32 {
        var c = Fig4Pipeline.Configuration()
        c.neurons = neurons
        c.iterations = iterations
        c.networkCount = networks
        c.seed = seed
        c.learningRate = learningRate
        c.permutations = permutations
        c.gainSets = gainSets
        c.evaluationSets = evalSets
        let pipeline = try Fig4Pipeline(c)
        BLASThreads.set(blasThreads)
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("--output-dir: cannot create \(outputDirectory): \(error)")
        }
        let start = Date()
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        let quiet = self.quiet
        let result: Fig4Pipeline.Result
        do {
            result = try pipeline.run(concurrentTrainings: jobs ?? ProcessInfo.processInfo.activeProcessorCount) { line in if !quiet { console.err("[\(format(elapsed())) s] \(line)") } }
        } catch let error as TrainingError {
            throw CommandFailure(code: SbalExitCode.checkFailed, "fig4 failed: \(error)")
        }
        let directory = URL(fileURLWithPath: outputDirectory)
        try CommandSupport.write(text: Fig4Command.panelA(result), to: directory.appendingPathComponent("fig4a.svg").path)
        try CommandSupport.write(text: Fig4Command.panelB(result), to: directory.appendingPathComponent("fig4b.svg").path)
        try CommandSupport.write(text: try CommandSupport.json(result) + "\n", to: directory.appendingPathComponent("fig4.json").path)

        console.out("Fig 4a: N = \(neurons), \(iterations) iterations, null of \(permutations) permutations")
        console.out(CommandSupport.table(["lambda", "|g| at start", "|g| at end", "null 5%", "null median", "null <= |g|", "RMSE last"],
                                         result.runs.map { [format($0.lambda), format($0.imbalance.first ?? .nan), format($0.finalImbalance),
                                                            format($0.nullFifthPercentile), format($0.nullMedian), format($0.nullFractionBelow),
                                                            format($0.loss.last ?? .nan)] }))
        console.out("")
        console.out("Fig 4b: \(result.networks.count) lambda = 0.3 networks, \(gainSets) gain sets, \(evalSets) evaluation sets")
        console.out(CommandSupport.table(["seed", "cost before", "cost after", "sigma_x", "silent", "ratio at eps = 0", "ratio at eps max"],
                                         result.networks.map { [String($0.seed), format($0.costBefore), format($0.costAfter), format($0.stateStandardDeviation),
                                                                String($0.silentNeurons), format($0.ratio.first ?? .nan), format($0.ratio.last ?? .nan)] }))
        console.out("")
        console.out("written        \(directory.path)/fig4a.svg, fig4b.svg, fig4.json  (\(format(elapsed())) s)")
        return SbalExitCode.ok
    }

    static let colours = ["#e6b000", "#d62728", "#7b2d8e"]  // lambda = 0, 0.1, 0.3: yellow, red, purple as in the paper

    /// |g| per iteration (log scale) and the null histograms with the true |g| (dashed verticals).
    static func panelA(_ r: Fig4Pipeline.Result) -> String {
        var trace = LinePlot(title: "|g| of J during training", xLabel: "iteration", yLabel: "|g|", logY: true)
        var null = LinePlot(title: "final |g| (dashed) vs permutation null", xLabel: "|g|", yLabel: "fraction of permutations")
        for (k, run) in r.runs.enumerated() {
            let colour = colours[k % colours.count]
            trace.series.append(.init(label: "lambda = \(format(run.lambda))", points: run.imbalance.enumerated().map { (Double($0.offset), $0.element) },
                                      color: colour))
            let total = Double(max(run.nullHistogramCounts.reduce(0, +), 1))
            var steps: [(x: Double, y: Double)] = []
            for (b, count) in run.nullHistogramCounts.enumerated() {
                steps.append((run.nullHistogramEdges[b], Double(count) / total))
                steps.append((run.nullHistogramEdges[b + 1], Double(count) / total))
            }
            let peak = (run.nullHistogramCounts.max().map { Double($0) / total }) ?? 1
            null.series.append(.init(label: "null, lambda = \(format(run.lambda))", points: steps, color: colour))
            null.series.append(.init(label: "", points: [(run.finalImbalance, 0), (run.finalImbalance, peak)], color: colour, dashed: true))
        }
        return LinePlot.svg(panels: [trace, null], panelWidth: 560, height: 420)
    }

    /// loss(balanced) / loss(original) against eps / sigma_x, and the inset: total robustness cost before and after.
    static func panelB(_ r: Fig4Pipeline.Result) -> String {
        var ratio = LinePlot(title: "loss(balanced) / loss(original)", xLabel: "noise eps / sigma_x", yLabel: "loss ratio")
        var cost = LinePlot(title: "total robustness cost (inset)", xLabel: "0 = before, 1 = after balancing", yLabel: "cost")
        for (k, n) in r.networks.enumerated() {
            let colour = LinePlot.palette[k % LinePlot.palette.count]
            ratio.series.append(.init(label: "seed \(n.seed)", points: zip(n.relativeNoise, n.ratio).map { ($0, $1) }, color: colour, markers: true))
            cost.series.append(.init(label: "seed \(n.seed)", points: [(0, n.costBefore), (1, n.costAfter)], color: colour, markers: true))
        }
        if let last = r.networks.first?.relativeNoise.last {
            ratio.series.append(.init(label: "", points: [(0, 1), (last, 1)], color: "#999999", dashed: true))
        }
        return LinePlot.svg(panels: [ratio, cost], panelWidth: 560, height: 420)
    }
}
