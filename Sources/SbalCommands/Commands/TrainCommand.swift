import ArgumentParser
import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing
import Training

/// `sbal train`: trains a rate network on a task by SGD on RMSE + lambda sum J^2 (the paper's Fig 4a
/// recipe) and writes it in the package's network format.
package struct TrainCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a ReLU rate network on context-dependent integration (SGD on RMSE + lambda sum J^2).",
        discussion: """
        Model: tau = 1, 10 Euler substeps of dt = 0.1 per task step, input held, x0 = 0, readout y = W_out x \
        from the state (not W_out phi(x)). SGD with gradients clipped to global norm 10. Initial weights \
        J, W_in, W_out ~ N(0, 1/N), b = 0, drawn from --seed; the batch of iteration i is drawn from \
        (--seed, i), so a resumed run continues exactly as an uninterrupted one.

        The written file holds J, W_in, W_out, b, tau and dt (one Euler substep). The file format has no \
        readout field: its simulator reads out W_out phi(x), whereas the trained network reads out W_out x; \
        the file's description says so and records task, lambda, seed, learning rate and the number of \
        iterations done.

        --resume FILE restores J, W_in, W_out and b from FILE and the iteration counter from its \
        description (a .json written by sbal train; .npz files have no description, pass --start-iteration). \
        Not restored: lambda, seed, learning rate and clip norm (taken from this command line: pass the \
        same values to continue the same run) and the earlier iterations' log.
        """
    )

    @Option(help: "Task (only cdi: context-dependent integration, 6 inputs, 2 outputs, 50 steps).")
    package var task: String = "cdi"

    @Option(help: "Number of neurons N (default 256; with --resume, the file's).")
    package var neurons: Int?

    @Option(help: "Weight lambda of the penalty sum_ij J_ij^2.")
    package var lambda: Double = 0

    @Option(help: "Number of SGD iterations to run (more, when resuming).")
    package var iterations: Int = 6000

    @Option(help: "Seed of the initial weights and of the batches.")
    package var seed: UInt64 = 1

    @Option(name: .customLong("learning-rate"), help: "SGD learning rate.")
    package var learningRate: Double = 5e-3

    @Option(name: .customLong("clip-norm"), help: "Clip the gradient to this global norm.")
    package var clipNorm: Double = 10

    @Option(name: .shortAndLong, help: "Write the trained network here (.json or .npz).")
    package var output: String

    @Option(help: "Start from this network (.json or .npz) and continue its iteration counter.")
    package var resume: String?

    @Option(name: .customLong("start-iteration"), help: "With --resume: iterations already done (default: read from the file's description).")
    package var startIteration: Int?

    @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads (1 is fastest for training's 8 x N blocks; see README).")
    package var blasThreads: Int = 1

    @Flag(help: "No progress lines on standard error.")
    package var quiet = false

    @OptionGroup package var inputOptions: InputFileOptions

    package init() {}

    package func validate() throws {
        guard task == "cdi" else { throw ValidationError("--task must be cdi (the only task so far), got \(task)") }
        if let neurons {
            guard neurons > 0 else { throw ValidationError("--neurons must be positive, got \(neurons)") }
            guard neurons <= 4096 else { throw ValidationError("--neurons must be at most 4096, got \(neurons)") }
        }
        guard lambda >= 0, lambda.isFinite else { throw ValidationError("--lambda must be a non-negative number") }
        guard iterations >= 0 else { throw ValidationError("--iterations must be non-negative") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number") }
        guard clipNorm > 0 else { throw ValidationError("--clip-norm must be positive") }
        guard blasThreads >= 1, blasThreads <= 256 else { throw ValidationError("--blas-threads must be in 1 ... 256, got \(blasThreads)") }
        if let startIteration {
            guard resume != nil else { throw ValidationError("--start-iteration needs --resume") }
            guard startIteration >= 0 else { throw ValidationError("--start-iteration must be non-negative") }
        }
        guard (try? NetworkFile.format(of: output)) != nil else { throw ValidationError("--output must end in .json or .npz: \(output)") }
        // (whether it can be written is checked by execute, with the other commands' outputs)
        if let resume { guard (try? NetworkFile.format(of: resume)) != nil else { throw ValidationError("--resume must end in .json or .npz: \(resume)") } }
    }

    /// The marker in the written file's description from which `--resume` reads the iteration counter.
    static let iterationKey = "iterations done: "

    /// The description of a trained network's file.
    static func describe(task: String, lambda: Double, seed: UInt64, learningRate: Double, clipNorm: Double, iterations: Int) -> String {
        "Trained by sbal train on task \(task) (lambda \(lambda), seed \(seed), learning rate \(learningRate), clip norm \(clipNorm), "
            + "10 Euler substeps of dt per task step; readout from the state, y = W_out x). \(iterationKey)\(iterations)"
    }

    /// The iteration counter recorded by `describe`, if any.
    static func recordedIterations(_ description: String?) -> Int? {
        guard let description, let range = description.range(of: iterationKey) else { return nil }
        return Int(description[range.upperBound...].prefix { $0.isNumber })
    }

    /// Trains (or continues) the network, writes it to `--output` and prints a summary.
    /// - Parameter console: progress lines go to its standard error, the summary to its standard output.
    /// - Returns: 0 when the network was trained and written.
    /// - Throws: `CommandFailure` with exit code 2 for an unreadable or unsuitable `--resume` file or an
    ///   unwritable output, with exit code 1 when training diverges.
    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(output, "--output")])
        let cdi = try ContextDependentIntegrationTask()
        let model = try StateReadoutModel()
        let trainer = try Trainer(task: cdi, model: model, optimiser: try GradientDescent(learningRate: learningRate, clipNorm: clipNorm), penalty: lambda)
        var parameters: NetworkParameters
        var start = 0
        var writtenOrientation = NetworkOrientation.assumed
        if let resume {
            let document = try CommandSupport.readNetwork(resume, inputOptions)
            let network = try CommandSupport.floatNetwork(document, path: resume)
            guard network.inputCount == cdi.inputCount, network.outputCount == cdi.outputCount else {
                throw CommandFailure("\(resume): the network has \(network.inputCount) inputs and \(network.outputCount) outputs; task cdi needs 6 and 2")
            }
            guard network.nonlinearity == .relu, network.timeConstant == model.timeConstant, network.timeStep == model.timeStep else {
                throw CommandFailure("\(resume): sbal train continues ReLU networks with tau = 1 and dt = 0.1 only")
            }
            // Training reads out the state; files of sbal train before the readout field say so in words.
            let legacyStateReadout = document.description?.contains("READOUT FROM THE STATE") == true
            guard network.readout == .state || legacyStateReadout else {
                throw CommandFailure("\(resume): its readout is \(network.readout.rawValue) (y = W_out phi(x)); sbal train trains the state readout y = W_out x (\"readout\": \"state\")")
            }
            writtenOrientation = document.orientation
            if let neurons, neurons != network.neuronCount {
                throw CommandFailure("\(resume) has N = \(network.neuronCount) neurons, but --neurons \(neurons) was given")
            }
            guard let counter = startIteration ?? TrainCommand.recordedIterations(document.description) else {
                throw CommandFailure("\(resume): its description records no iteration count (not written by sbal train as .json); pass --start-iteration")
            }
            parameters = try NetworkParameters(network)
            start = counter
        } else {
            parameters = try NetworkParameters.randomInitial(neurons: neurons ?? 256, inputs: cdi.inputCount, outputs: cdi.outputCount, seed: seed)
        }
        BLASThreads.set(blasThreads)
        let total = start + iterations
        let quiet = self.quiet
        let log: [TrainingLogEntry]
        do {
            log = try trainer.train(&parameters, iterations: iterations, start: start, seed: seed) { entry in
                guard !quiet, (entry.iteration + 1) % 100 == 0 || entry.iteration + 1 == total else { return }
                let done = entry.iteration + 1 - start, width = 20
                let filled = iterations > 0 ? width * done / iterations : width
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                console.err("[\(bar)] iteration \(entry.iteration + 1)/\(total)  loss \(format(entry.loss))  |g| \(format(entry.imbalanceNorm))")
            }
        } catch let error as TrainingError {
            throw CommandFailure(code: SbalExitCode.checkFailed, "training failed: \(error)")
        }
        let description = TrainCommand.describe(task: task, lambda: lambda, seed: seed, learningRate: learningRate, clipNorm: clipNorm, iterations: total)
        var document = try NetworkDocument(try parameters.recurrentNetwork(model: model), description: description)
        document.orientation = writtenOrientation  // a resumed file is written back in its own orientation
        document.timeStep = Rational(1, 10)  // dt = 0.1 written as "1/10", not as the binary expansion of the double 0.1
        do {
            try NetworkFile.write(document, to: output)
        } catch {
            throw CommandFailure("cannot write \(output): \(error)")
        }
        let finalImbalance = parameters.frobeniusImbalance.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if let first = log.first, let last = log.last {
            console.out("iterations     \(start + 1) ... \(total) (task \(task), N = \(parameters.neuronCount), lambda = \(format(lambda)), seed \(seed))")
            console.out("loss (RMSE)    \(format(first.loss)) at iteration \(first.iteration + 1), \(format(last.loss)) at iteration \(last.iteration + 1)")
        } else {
            console.out("iterations     none run (the network is written as it starts)")
        }
        if let first = log.first {
            console.out("|g| of J       \(format(first.imbalanceNorm)) before iteration \(first.iteration + 1), \(format(finalImbalance)) after iteration \(total)")
        } else {
            console.out("|g| of J       \(format(finalImbalance))")
        }
        console.out("written        \(output) (\"readout\": \"state\", y = W_out x)")
        return SbalExitCode.ok
    }
}
