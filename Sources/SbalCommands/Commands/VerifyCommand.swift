import ArgumentParser
import BalancingVerification
import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing

/// `sbal verify`: exact checks of a small network, or the re-check of a saved certificate.
package struct VerifyCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run the exact checks on a small network file, or re-check a saved certificate.",
        discussion: """
        For a network file: input-output invariance of the transform by d (exact Euler trajectories), \
        the Lax structure and invariants (commutator, traces, charpoly, diagonal, cycle products), \
        the exact identity dC/dt = -p |g|^2 with an exact decreasing step, and, when the optimum is \
        finite, the balance certificate of d. d is given with --scales or found by Newton's method in \
        floating point and rounded to nearby rationals (exact checks never use the doubles). \
        For a certificate file (written by --write-certificate or by `sbal audit`), every claim is \
        recomputed from the file alone and compared with the stored report. \
        Exit code 0: everything verified; 1: a check failed or a stored report was not reproduced; 2: bad input.
        """
    )

    @Argument(help: "A network file (.json / .npz) or a certificate (.json).")
    package var file: String

    @Option(help: "Scales d for the transform and the balance certificate, e.g. \"1,4\" or \"1,1/2\" (default: found by Newton).")
    package var scales: String?

    @Option(name: .customLong("balance-tolerance"), help: "Relative tolerance |g|/C of the balance claim when d is not an exact equilibrium (a number or p/q).")
    package var balanceTolerance: String = "1/1000000000"

    @Option(help: "Steps of the exact trial when the file has no \"inputs\" (inputs of ones).")
    package var steps: Int = 10

    /// --max-neurons defaults to 32 here: exact checks grow quickly with N (charpoly, trajectories of large rationals).
    @OptionGroup package var inputOptions: InputFileOptions

    @Option(name: .customLong("write-certificate"), help: "Write the certificate (network, claims, reports) to this JSON file.")
    package var writeCertificate: String?

    @Flag(help: "Print JSON.")
    package var json = false

    package init() {}

    package func validate() throws {
        guard steps > 0 && steps <= 100_000 else { throw ValidationError("--steps must be in 1...100000") }
    }

    package var inputFile: String? { file }

    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(writeCertificate, "--write-certificate")])
        // One read and one parse decide between a network and a certificate.
        let contents: NetworkFile.Contents
        do {
            contents = try NetworkFile.readNetworkOrCertificate(file, limits: inputOptions.limits(defaultNeurons: 32), orientation: inputOptions.orientation)
        } catch {
            throw CommandSupport.fileFailure(error, path: file)
        }
        var document: NetworkDocument
        switch contents {
        case let .certificate(certificate): return try recheck(certificate, console: console)
        case let .network(network): document = network
        }
        try CommandSupport.applyRNNNonlinearity(&document, inputOptions, path: file)
        let certificate = try issue(document: document, console: console)
        if let writeCertificate {
            do {
                try AtomicFile.write(Array(try certificate.jsonData()) + [10], to: writeCertificate)
            } catch {
                throw CommandFailure("cannot write \(writeCertificate): \(error)")
            }
        }
        let verified = certificate.storedVerdict == .verified
        let orientationLine = CommandSupport.orientationLine(document, labelWidth: 9)
        if json {
            if let orientationLine { console.err(orientationLine) }
            console.out(String(decoding: try certificate.jsonData(), as: UTF8.self))
        } else {
            if let orientationLine { console.out(orientationLine) }
            console.out("network  \(file): N = \(document.neuronCount), nonlinearity \(document.nonlinearity.rawValue)")
            for report in certificate.reports {
                console.out("[\(report.verdict.rawValue)] \(report.check.rawValue): \(report.summary)")
                if let failure = report.failure {
                    console.out("    first failure: \(failure.invariant)\(failure.step.map { " at step \($0)" } ?? ""): expected \(failure.expected), got \(failure.actual)")
                }
                for note in report.notes { console.out("    note: \(note)") }
            }
            if let writeCertificate { console.out("certificate written to \(writeCertificate)") }
            console.out(verified ? "verified" : "NOT verified")
        }
        return verified ? SbalExitCode.ok : SbalExitCode.checkFailed
    }

    /// Re-checks a certificate from the file alone.
    func recheck(_ certificate: Certificate, console: Console) throws -> Int32 {
        let result = certificate.recheck()
        if json {
            console.out(try CommandSupport.json(result))
        } else {
            console.out("certificate  \(file)\(certificate.description.map { ": \($0)" } ?? "")")
            console.out(result.summary)
        }
        return result.verdict == .verified ? SbalExitCode.ok : SbalExitCode.checkFailed
    }

    /// Builds the claims for a network and runs them.
    func issue(document: NetworkDocument, console: Console) throws -> Certificate {
        let exact: ExactNetwork
        let cost: ExactCostModel
        do {
            exact = try document.exactNetwork()
            cost = try document.exactCostModel()
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        guard exact.nonlinearity.isPositivelyHomogeneous else {
            throw CommandFailure("\(file): \(exact.nonlinearity.name) is not positively homogeneous, so the task-preserving transform and its exact checks do not apply")
        }
        let n = document.neuronCount
        let tolerance: Rational
        guard let t = Rational(balanceTolerance), t.signum >= 0 else { throw CommandFailure("--balance-tolerance: cannot read '\(balanceTolerance)' as a non-negative number") }
        tolerance = t

        // The scales d: given, or from a float solve rounded to nearby rationals.
        var d: [Rational]
        var finiteOptimum = true
        var origin = "given with --scales"
        if let scales {
            d = try RationalApproximation.parseList(scales, option: "--scales")
            guard d.count == n else { throw CommandFailure("--scales has \(d.count) entries, expected \(n) (neurons)") }
            guard d.allSatisfy({ $0.signum > 0 }) else { throw CommandFailure("--scales must all be positive") }
        } else {
            let network = try CommandSupport.floatNetwork(document, path: file)
            let floatCost = try document.costModel() ?? CostModel(exponent: 2, weighting: .uniform)
            var options = BalancingOptions()
            options.tolerance = 1e-13
            let newton = try balance(network.recurrentWeights, cost: floatCost, solver: .newton, options: options)
            var h = newton.logScales
            finiteOptimum = newton.unboundedSynapses.isEmpty
            origin = "Newton's equilibrium, rounded to rationals"
            if !finiteOptimum {
                // No finite optimum: use the point the flow reaches at t = 1 (any d > 0 serves the
                // invariance checks).
                var flowOptions = BalancingOptions()
                flowOptions.tolerance = 1e-300
                flowOptions.maxTime = 1
                let flow = try balance(network.recurrentWeights, cost: floatCost, solver: .flow(.dormandPrince(relativeTolerance: 1e-10), .logScalesOnly), options: flowOptions)
                h = flow.logScales
                origin = "the flow at t = 1 (the optimum is at infinity), rounded to rationals"
            }
            // relative to magnitude, so that any finite scale survives (docs/reducible-networks.md)
            // A relative error delta in d moves the costs by about p delta, so |g|/C <= tolerance needs
            // delta well below tolerance / p: continued fractions with q up to sqrt(100 p / tol) have
            // delta <= 1/q^2 (at least 2^20, at most 2^26, where the double's 53 bits run out).
            let needed = (100 * Double(cost.exponent) / max(tolerance.doubleValue, 1e-300)).squareRoot()
            let maxDenominator = Int(min(max(needed.rounded(.up), Double(1 << 20)), Double(1 << 26)))
            d = try h.map { try RationalApproximation.nearestScale(logValue: $0 - h[0], maxDenominator: maxDenominator) }
        }
        // The transform for the invariance checks: d itself, unless d = 1 (a network that is already
        // balanced), where d = (1, 2, ..., N) makes the checks non-trivial. The balance claim keeps d.
        var transformScales = d
        if scales == nil && d.allSatisfy({ $0 == Rational(1) }) && n > 1 {
            transformScales = (0..<n).map { Rational($0 + 1) }
            origin += "; the network is already balanced, so the invariance checks use d = (1, 2, ..., N)"
        }
        // An empty trial ("inputs": []) counts as none, as in `sbal simulate`: a trial of 0 steps
        // would compare the initial states only. A multi-trial file gets one claim per trial.
        let fileTrials = try document.exactTrialInputs()
        let trials = fileTrials.flatMap { $0.first?.isEmpty == false ? $0 : nil }
            ?? [Array(repeating: Array(repeating: Rational(1), count: document.inputCount), count: steps)]
        let initialState = document.initialState != nil ? try document.exactInitialState() : Array(repeating: Rational(1), count: n)
        var claims: [Claim] = trials.map { inputs in
            .inputOutputInvariance(InputOutputInvarianceCheck(scales: transformScales, inputs: inputs, initialState: initialState))
        }
        claims += [
            .laxStructure(LaxStructureCheck(cost: cost, transformed: .scales(transformScales))),
            .monotoneDecrease(MonotoneDecreaseCheck(cost: cost, stepFamily: try MonotoneDecreaseCheck.preferredStepFamily(cost: cost, weights: exact.recurrentWeights))),
        ]
        if finiteOptimum {
            // Exact balance if d is an exact equilibrium, else |g|/C <= tolerance.
            let exactClaim = try BalanceCertificateCheck(cost: cost, scales: d).run(on: exact)
            claims.append(.balanceCertificate(BalanceCertificateCheck(cost: cost, scales: d, relativeTolerance: exactClaim.verdict == .verified ? nil : tolerance)))
        }
        let description = (document.description.map { $0 + " " } ?? "") + "[sbal verify \(URL(fileURLWithPath: file).lastPathComponent); d: \(origin)]"
        do {
            return try Certificate(kind: .networkChecks, network: exact, claims: claims, description: description)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
    }
}
