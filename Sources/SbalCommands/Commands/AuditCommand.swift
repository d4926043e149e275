import ArgumentParser
import BalancingVerification
import Foundation
import NetworkFiles
import Rationals
import SynapticBalancing

/// `sbal audit`: run a float integrator of the balancing flow with its path recorded, then audit the
/// path exactly (every double converted to a rational without rounding). With `--path` the path is
/// read from a file instead (a user's own integrator, e.g. scipy's `solve_ivp`) and audited the same way.
package struct AuditCommand: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Integrator accuracy: run a float integrator with weights recorded (or read a recorded path with --path), then audit the path exactly (invariant drift, cost monotonicity).",
        discussion: "Exit code 0 if the exact cost never increases along the path (and every drift is within --drift-bound, if given), 1 otherwise, 2 for bad input. A --path file is an .npz with t (T) and J (T x N x N), h or d (T x N), optionally cost (T), e.g. np.savez('path.npz', t=sol.t, J=sol.y[:N*N].T.reshape(-1, N, N), h=sol.y[N*N:].T); --integrator, --form, --step, --rtol and --steps are then unused."
    )

    package enum IntegratorName: String, ExpressibleByArgument, CaseIterable, Sendable { case euler, rk4, dopri }

    @Argument(help: "A small network file (.json / .npz).")
    package var network: String

    @Option(help: "Integrator: euler, rk4 or dopri.")
    package var integrator: IntegratorName = .rk4

    @Option(help: "Form: jh (integrate J and h; weights drift off the orbit) or h (h alone; J rebuilt).")
    package var form: FlowFormName = .jh

    @Option(help: "Step of euler / rk4.")
    package var step: Double = 0.05

    @Option(name: .customLong("rtol"), help: "Relative tolerance of dopri.")
    package var relativeTolerance: Double = 1e-6

    @Option(help: "Number of integrator steps.")
    package var steps: Int = 40

    @Option(help: "Measure the invariants (diagonal, cycles, charpoly) at every k-th path point and the last; the cost is audited at every point.")
    package var stride: Int = 1

    @Option(name: .customLong("drift-bound"), help: "Fail if a diagonal entry or cycle invariant drifts by more than this relative amount (a number or p/q).")
    package var driftBound: String?

    @Option(name: .customLong("exact-steps"), help: "Also run the same scheme exactly in rationals on d for this many steps (euler / rk4 only), separating rounding from truncation.")
    package var exactSteps: Int = 0

    @Option(help: "Audit this recorded path (.npz: t, and J, h or d; see the discussion) instead of running an integrator.")
    package var path: String?

    @Option(name: .customLong("write-certificate"), help: "Write the audit as a certificate that `sbal verify` re-checks.")
    package var writeCertificate: String?

    @Flag(help: "Print JSON.")
    package var json = false

    @OptionGroup package var inputOptions: InputFileOptions

    package init() {}

    package func validate() throws {
        guard step > 0, step.isFinite else { throw ValidationError("--step must be positive") }
        guard steps > 0, steps <= 100_000 else { throw ValidationError("--steps must be in 1...100000") }
        guard stride > 0 else { throw ValidationError("--stride must be positive") }
        guard exactSteps >= 0, exactSteps <= 10_000 else { throw ValidationError("--exact-steps must be in 0...10000") }
        if exactSteps > 0 && integrator == .dopri { throw ValidationError("--exact-steps needs --integrator euler or rk4") }
        if exactSteps > 0 && path != nil { throw ValidationError("--exact-steps runs the package's own scheme; it cannot be combined with --path") }
    }

    package var inputFile: String? { network }

    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(writeCertificate, "--write-certificate")])
        let document = try CommandSupport.readNetwork(network, inputOptions)
        let floatNetwork = try CommandSupport.floatNetwork(document, path: network)
        let floatCost = try document.costModel() ?? CostModel(exponent: 2, weighting: .uniform)
        let exactCost: ExactCostModel
        do { exactCost = try document.exactCostModel() } catch { throw CommandFailure("\(network): \(error)") }
        var bound: Rational?
        if let driftBound {
            guard let b = Rational(driftBound), b.signum >= 0 else { throw CommandFailure("--drift-bound: cannot read '\(driftBound)' as a non-negative number") }
            bound = b
        }
        if let path { return try auditRecordedPath(path, document: document, floatNetwork: floatNetwork, cost: exactCost, bound: bound, console) }
        let flowIntegrator: FlowIntegrator
        switch integrator {
        case .euler: flowIntegrator = .euler(step: step)
        case .rk4: flowIntegrator = .rungeKutta4(step: step)
        case .dopri: flowIntegrator = .dormandPrince(relativeTolerance: relativeTolerance)
        }
        var options = BalancingOptions()
        options.tolerance = 1e-300
        options.maxIterations = steps
        options.recordPath = true
        options.recordWeights = true
        let result = try balance(floatNetwork.recurrentWeights, cost: floatCost, solver: .flow(flowIntegrator, form == .jh ? .weightsAndLogScales : .logScalesOnly), options: options)
        let n = floatNetwork.neuronCount
        let points: [AuditedPathPoint]
        do {
            points = try AuditedPathPoint.points(from: result.path, neuronCount: n)
        } catch {
            throw CommandFailure("the float path cannot be audited: \(error)")
        }
        var comparison: ExactSchemeComparison?
        if exactSteps > 0 {
            comparison = ExactSchemeComparison(scheme: integrator == .euler ? .euler : .rungeKutta4, stepSize: try Rational(exactly: step), steps: exactSteps)
        }
        let audit = FloatPathAudit(cost: exactCost, path: points, relativeDriftBound: bound, schemeComparison: comparison,
                                   invariantStride: stride > 1 ? stride : nil)
        // J(0) of the audit is the float network's J, converted exactly; the certificate carries J alone
        // (the audit reads nothing else, so nothing else may ride along unchecked).
        let exact: ExactNetwork
        do {
            exact = try ExactNetwork(recurrentWeights: try ExactConversion.matrix(floatNetwork.recurrentWeights, field: "J"),
                                     timeStepOverTimeConstant: 1, nonlinearity: .linear)
        } catch { throw CommandFailure("\(network): \(error)") }
        let certificate: Certificate
        do {
            certificate = try Certificate(kind: .pathAudit, network: exact, claims: [.floatPathAudit(audit)],
                                          description: "sbal audit \(URL(fileURLWithPath: network).lastPathComponent): \(integrator.rawValue), form \(form.rawValue), \(steps) steps")
        } catch {
            throw CommandFailure("\(network): \(error)")
        }
        return try finish(certificate, console, header: [CommandSupport.orientationLine(document, labelWidth: 12)].compactMap { $0 } + [
            "network     \(network): N = \(n)",
            "integrator  \(integrator.rawValue), form \(form.rawValue), \(result.iterations) steps to t = \(format(result.path.last?.time ?? 0)), \(points.count) points audited",
        ])
    }

    /// `--path`: the recorded path of a user's integrator, audited exactly like the package's own.
    func auditRecordedPath(_ path: String, document: NetworkDocument, floatNetwork: RecurrentNetwork, cost: ExactCostModel, bound: Rational?, _ console: Console) throws -> Int32 {
        let recorded: RecordedPath
        do { recorded = try RecordedPath.read(path, limits: inputOptions.limits()) } catch let error as NetworkFileError {
            if case .io = error { throw CommandFailure("\(error)") }
            if case .limitExceeded = error { throw CommandFailure("\(error)") }
            if case let .invalidNumPy(file, _) = error, file == path || file.hasPrefix(path + ":") { throw CommandFailure("\(error)") }
            if case let .invalidField(field, _) = error, field.hasPrefix(path + ":") { throw CommandFailure("\(error)") }
            throw CommandFailure("\(path): \(error)")
        }
        let n = floatNetwork.neuronCount
        let points: [AuditedPathPoint]
        // The path's J snapshots are in the network file's orientation.
        do { points = try recorded.points(neuronCount: n, transposedWeights: document.orientation == .prePost) } catch {
            throw CommandFailure("\(path): \(error) (network \(network))")
        }
        let exact: ExactNetwork
        do {
            exact = try ExactNetwork(recurrentWeights: try ExactConversion.matrix(floatNetwork.recurrentWeights, field: "J"),
                                     timeStepOverTimeConstant: 1, nonlinearity: .linear)
        } catch { throw CommandFailure("\(network): \(error)") }
        let audit = FloatPathAudit(cost: cost, path: points, relativeDriftBound: bound, invariantStride: stride > 1 ? stride : nil)
        let certificate: Certificate
        do {
            certificate = try Certificate(kind: .pathAudit, network: exact, claims: [.floatPathAudit(audit)],
                                          description: "sbal audit --path \(URL(fileURLWithPath: path).lastPathComponent) \(URL(fileURLWithPath: network).lastPathComponent)")
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
        let recordedMembers = [recorded.weights, recorded.logScales, recorded.scales, recorded.costs].compactMap { $0?.name }
        return try finish(certificate, console, header: [CommandSupport.orientationLine(document, labelWidth: 12)].compactMap { $0 } + [
            "network     \(network): N = \(n)",
            "path        \(path): \(recorded.count) snapshots of \(recordedMembers.joined(separator: ", ")), t = \(format(recorded.times.values.first ?? 0)) ... \(format(recorded.times.values.last ?? 0))",
        ])
    }

    /// Writes the certificate if asked and prints its report; the exit code of the verdict.
    func finish(_ certificate: Certificate, _ console: Console, header: [String]) throws -> Int32 {
        let report = certificate.reports[0]
        if let writeCertificate {
            do { try AtomicFile.write(Array(try certificate.jsonData()) + [10], to: writeCertificate) } catch {
                throw CommandFailure("cannot write \(writeCertificate): \(error)")
            }
        }
        if json {
            console.out(try CommandSupport.json(report))
        } else {
            for line in header { console.out(line) }
            console.out("[\(report.verdict.rawValue)] \(report.check.rawValue): \(report.summary)")
            for value in report.values {
                let shown = value.approximate ?? value.exact
                // Every cost increase is listed; other long lists are cut after six entries.
                let text = shown.count <= 6 || value.name == "exact cost increases" ? shown.joined(separator: ", ")
                    : shown.prefix(6).joined(separator: ", ") + ", ... (\(shown.count) entries)"
                console.out("    \(value.name): \(text)")
            }
            if let failure = report.failure {
                console.out("    first failure: \(failure.invariant)\(failure.step.map { " at point \($0)" } ?? ""): expected \(failure.expected), got \(failure.actual)")
            }
            for note in report.notes { console.out("    note: \(note)") }
            if let writeCertificate { console.out("certificate written to \(writeCertificate)") }
        }
        return report.verdict == .verified ? SbalExitCode.ok : SbalExitCode.checkFailed
    }
}
