import ArgumentParser
import BalancingVerification
import Foundation
import NetworkFiles
import Rationals

/// `sbal compare A B`: is B a task-preserving transform T_d(A) of A?
package struct CompareCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Decide exactly whether network B is D^-1 A D for a positive diagonal D (an orbit comparison).",
        discussion: """
        d is derived from a spanning forest of J_A's support (W_in, b, W_out fix each tree's scale), then \
        every entry of J, W_in, W_out, b is compared exactly (doubles are read as the dyadic rationals \
        they are). Sign or zero-pattern changes are hard failures. For B only near the orbit: the \
        least-squares d on log-magnitudes, the largest relative deviation of each matrix, and the largest \
        output difference of exact simulations on A's trial (or --steps steps of inputs of ones). \
        Also reports whether B is balanced (exact g for A's cost, Frobenius by default). \
        Exit code 0: B is a transform of A; 1: it is not; 2: bad input (unreadable file, shape mismatch).
        """
    )

    @Argument(help: "The original network (.json / .npz).")
    package var original: String

    @Argument(help: "The network claimed to be a transform of the original (.json / .npz).")
    package var candidate: String

    @Option(help: "Steps of the exact trial when A has no \"inputs\" (inputs of ones).")
    package var steps: Int = 10

    @Option(name: .customLong("max-simulation-neurons"), help: "Skip the exact simulations above this many neurons.")
    package var maxSimulationNeurons: Int = 32

    @OptionGroup package var inputOptions: InputFileOptions

    @Option(name: .customLong("write-certificate"), help: "When B is verified, write a certificate (A, d, the trial and B; re-checked by `sbal verify FILE`).")
    package var writeCertificate: String?

    @Flag(help: "Print JSON.")
    package var json = false

    package init() {}

    package func validate() throws {
        guard steps > 0 && steps <= 100_000 else { throw ValidationError("--steps must be in 1...100000") }
    }

    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(writeCertificate, "--write-certificate")])
        let documentA = try CommandSupport.readNetwork(original, inputOptions)
        let documentB = try CommandSupport.readNetwork(candidate, inputOptions)
        let a: ExactNetwork, b: ExactNetwork, cost: ExactCostModel
        do { a = try documentA.exactNetwork(); cost = try documentA.exactCostModel() } catch { throw CommandFailure("\(original): \(error)") }
        do { b = try documentB.exactNetwork() } catch { throw CommandFailure("\(candidate): \(error)") }
        let report: OrbitComparisonReport
        let comparison: OrbitComparison
        do {
            let fileTrials = try documentA.exactTrialInputs()
            let trials = fileTrials.flatMap { $0.first?.isEmpty == false ? $0 : nil }
                ?? [Array(repeating: Array(repeating: Rational(1), count: documentA.inputCount), count: steps)]
            let initialState = documentA.initialState != nil
                ? try documentA.exactInitialState() : Array(repeating: Rational(1), count: documentA.neuronCount)
            comparison = try OrbitComparison(trials: trials, initialState: initialState, cost: cost, maximumSimulationNeurons: maxSimulationNeurons)
            report = try comparison.compare(a, b)
        } catch {
            throw CommandFailure("\(original) vs \(candidate): \(error)")
        }
        if let writeCertificate {
            if report.outcome == .verified {
                let description = "[sbal compare \(URL(fileURLWithPath: original).lastPathComponent) \(URL(fileURLWithPath: candidate).lastPathComponent)]"
                do {
                    let certificate = try comparison.certificate(a, b, report: report, description: description)
                    try AtomicFile.write(Array(try certificate.jsonData()) + [10], to: writeCertificate)
                } catch {
                    throw CommandFailure("cannot write \(writeCertificate): \(error)")
                }
            } else {
                console.err("no certificate written to \(writeCertificate): B is not a transform of A")
            }
        }
        // One line naming the files that state no orientation (A, B or both).
        let assumed = [("A", documentA), ("B", documentB)].filter { $0.1.orientationSource == .assumed }.map(\.0)
        let orientationLine = assumed.isEmpty ? nil
            : "orientation \(assumed.joined(separator: " and ")): " + NetworkOrientation.assumed.describe(source: .assumed)
        if json {
            if let orientationLine { console.err(orientationLine) }
            console.out(try CommandSupport.json(report))
        } else {
            if let orientationLine { console.out(orientationLine) }
            console.out("networks   A = \(original), B = \(candidate): N = \(a.neuronCount), M = \(a.inputCount), K = \(a.outputCount)")
            if let scales = report.scales {
                let short = scales.allSatisfy { $0.count <= 16 }
                let values = short ? scales : scales.map { format(Rational($0)?.doubleValue ?? .nan) }
                let shown = values.count <= 8 ? values.joined(separator: ", ") : values.prefix(8).joined(separator: ", ") + ", ..."
                console.out("d \(short ? "(exact) " : "(~, exact in --json)") (\(shown)) from a spanning forest of J_A")
                for anchor in report.scaleAnchors { console.out("           \(anchor)") }
            }
            if let failure = report.firstFailure {
                console.out("first failure  \(failure.entryName): A = \(failure.valueA), B = \(failure.valueB)\(failure.expected.map { ", D^-1 A D gives \($0)" } ?? "")")
                console.out("               \(failure.reason)")
            }
            if let fit = report.fit {
                console.out("best d (least squares on log|.|)  h = (\(fit.logScales.prefix(8).map(format).joined(separator: ", "))\(fit.logScales.count > 8 ? ", ..." : "")), log residual rms \(format(fit.logResidualRMS))")
                console.out("relative deviation from D^-1 A D  J \(format(fit.recurrentDeviation)), W_in \(format(fit.inputDeviation)), W_out \(format(fit.outputDeviation)), b \(format(fit.biasDeviation))")
            }
            if let difference = report.maximumOutputDifference {
                console.out("outputs    max |y_A - y_B| = \(format(difference)) (max |y_A| = \(format(report.maximumOutput ?? 0))) over \(report.trialSteps) exact steps")
            }
            for note in report.notes { console.out("note       \(note)") }
            console.out("B balanced \(report.bIsBalanced ? "yes, g = 0 exactly" : "no, |g|/C = \(format(report.bRelativeImbalance))")")
            if let writeCertificate, report.outcome == .verified { console.out("certificate written to \(writeCertificate)") }
            switch report.outcome {
            case .verified: console.out("result     verified: B = D^-1 A D exactly")
            case .notOnOrbit: console.out("result     NOT a transform: B is not exactly on the orbit of A")
            case .hardFailure: console.out("result     NOT a transform (hard failure): \(report.firstFailure?.entryName ?? "")")
            }
        }
        return report.outcome == .verified ? SbalExitCode.ok : SbalExitCode.checkFailed
    }
}
