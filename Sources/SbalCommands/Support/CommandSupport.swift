import ArgumentParser
import Foundation
import NetworkFiles
import SynapticBalancing

/// Helpers shared by the subcommands.
enum CommandSupport {
    /// Reads a network file; any error becomes exit code 2 with a message naming the file.
    /// Reads a network with the command's input options (orientation and limits).
    static func readNetwork(_ path: String, _ options: InputFileOptions, defaultNeurons: Int = InputLimits.defaultMaxNeurons) throws -> NetworkDocument {
        var document = try readNetwork(path, limits: options.limits(defaultNeurons: defaultNeurons), orientation: options.orientation)
        try applyRNNNonlinearity(&document, options, path: path)
        return document
    }

    /// `--rnn-nonlinearity` for an nn.RNN state_dict (which does not store phi); a stated phi must agree.
    static func applyRNNNonlinearity(_ document: inout NetworkDocument, _ options: InputFileOptions, path: String) throws {
        guard let name = options.rnnNonlinearity, let kind = NetworkDocument.NonlinearityKind(rawValue: name), let torch = document.torchRNN else { return }
        guard !torch.statesNonlinearity || document.nonlinearity == kind else {
            throw CommandFailure("\(path): the file states nonlinearity \(document.nonlinearity.rawValue) (member sbal_nonlinearity); --rnn-nonlinearity \(name) contradicts it")
        }
        document.nonlinearity = kind
    }

    /// An nn.RNN state_dict does not store phi: balancing it as nn.RNN's default tanh (not positively
    /// homogeneous) is refused with the way to say which phi it has.
    static func requireStatedRNNNonlinearity(_ document: NetworkDocument, path: String) throws {
        guard let torch = document.torchRNN, !torch.statesNonlinearity, document.nonlinearity == .tanh else { return }
        throw CommandFailure("\(path): a PyTorch nn.RNN state_dict does not store its nonlinearity, and nn.RNN's default tanh is not positively homogeneous, so no rescaling preserves its task; if the RNN was built with nonlinearity=\"relu\", pass --rnn-nonlinearity relu (or add a member sbal_nonlinearity=\"relu\")")
    }

    /// Fails at once (exit 2) when an output option names a file that cannot be written, so that a
    /// run is not wasted on an output that would fail at the end.
    static func requireWritable(_ outputs: [(path: String?, option: String)]) throws {
        for case let (path?, option) in outputs {
            do { try AtomicFile.checkWritable(path) } catch { throw CommandFailure("\(option): cannot write \(error)") }
        }
    }

    /// The first output line for a file that states no orientation (nil when it states one or
    /// `--orientation` was given): which orientation was assumed.
    static func orientationLine(_ document: NetworkDocument, labelWidth: Int) -> String? {
        guard document.orientationSource == .assumed else { return nil }
        let label = "orientation"
        return label + String(repeating: " ", count: max(labelWidth - label.count, 1)) + document.orientation.describe(source: .assumed)
    }

    static func readNetwork(_ path: String, limits: InputLimits = .standard, orientation: NetworkOrientation? = nil) throws -> NetworkDocument {
        do {
            return try NetworkFile.read(path, limits: limits, orientation: orientation)
        } catch {
            throw fileFailure(error, path: path)
        }
    }

    /// A read error of `path` as a command failure (exit 2) that names the file exactly once.
    static func fileFailure(_ error: Error, path: String) -> CommandFailure {
        if let error = error as? NetworkFileError {
            if case .io = error { return CommandFailure("\(error)") }
            if case .limitExceeded = error { return CommandFailure("\(error)") }
            // A message that already names the file (an .npz member "F:J.npy: ...") is not prefixed again.
            if case let .invalidNumPy(file, _) = error, file == path || file.hasPrefix(path + ":") { return CommandFailure("\(error)") }
        }
        return CommandFailure("\(path): \(error)")
    }

    /// Converts a document to the float network; errors become exit code 2.
    static func floatNetwork(_ document: NetworkDocument, path: String) throws -> RecurrentNetwork {
        do {
            return try document.recurrentNetwork()
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// Writes text atomically; errors become exit code 2.
    static func write(text: String, to path: String) throws {
        do {
            try AtomicFile.write(text: text, to: path)
        } catch {
            throw CommandFailure("cannot write \(error)")
        }
    }

    /// JSON text of an encodable value (sorted keys, pretty printed). A NaN or infinite double, which
    /// JSON cannot represent, becomes `null`: never the strings "nan" or "inf".
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A sentinel no real string can produce (it holds NUL characters), replaced by null below.
        let sentinel = "\u{0}sbal-non-finite\u{0}"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: sentinel, negativeInfinity: sentinel, nan: sentinel)
        let encoded = [UInt8](try encoder.encode(value))
        return String(decoding: replacingNonFiniteSentinels(encoded), as: UTF8.self)
    }

    /// The encoded sentinel string, with its quotes, as JSONEncoder writes it.
    private static let encodedSentinel = Array("\"\\u0000sbal-non-finite\\u0000\"".utf8)

    /// `null` in place of every encoded sentinel, in one pass over the bytes (a report holds N
    /// log-scales: megabytes, where a string search per call would cost more than the solve).
    static func replacingNonFiniteSentinels(_ bytes: [UInt8]) -> [UInt8] {
        let pattern = encodedSentinel
        guard let first = pattern.first, bytes.count >= pattern.count else { return bytes }
        var out: [UInt8] = []
        var copied = 0
        var k = 0
        let last = bytes.count - pattern.count
        while k <= last {
            if bytes[k] == first && bytes[k..<(k + pattern.count)].elementsEqual(pattern) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: bytes[copied..<k])
                out.append(contentsOf: Array("null".utf8))
                k += pattern.count
                copied = k
            } else {
                k += 1
            }
        }
        guard copied > 0 else { return bytes }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// Left-aligned text table.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = (0..<header.count).map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }

    /// Number of synapses (non-zero entries of J).
    static func synapseCount(_ j: DenseMatrix) -> Int { j.elements.reduce(0) { $1 != 0 ? $0 + 1 : $0 } }

    /// Deterministic outputs of a network on the document's trial (nil without inputs).
    static func outputs(of network: RecurrentNetwork, inputs: [[Double]], initialState: [Double]) throws -> [[Double]] {
        try network.simulate(inputs: inputs, initialState: initialState, noise: nil).outputs
    }

    /// The noiseless outputs of `original` on every trial, and the deviation of `balanced` from them:
    /// max over trials, steps and outputs of |y~ - y|, over the largest |y| of any trial (one scale).
    /// Each simulation is checked as by `checkedOutputs`; the balanced one fails with `balancedCode`.
    static func noiselessComparison(original: RecurrentNetwork, balanced: RecurrentNetwork, trials: [[[Double]]],
                                    initialState: [Double], balancedState: [Double], what: (String, String),
                                    path: String, balancedPath: String, balancedCode: Int32) throws -> (deviation: Double, outputs: [[[Double]]]) {
        var outputs: [[[Double]]] = [], largestOutput = 0.0, largestDifference = 0.0
        for inputs in trials {
            let y = try checkedOutputs(of: original, inputs: inputs, initialState: initialState, what: what.0, path: path)
            let yb = try checkedOutputs(of: balanced, inputs: inputs, initialState: balancedState, what: what.1, path: balancedPath, code: balancedCode)
            largestOutput = max(largestOutput, y.flatMap { $0 }.map(abs).max() ?? 0)
            largestDifference = max(largestDifference, zip(y, yb).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0)
            outputs.append(y)
        }
        return (largestDifference / max(largestOutput, .leastNormalMagnitude), outputs)
    }

    /// Deterministic outputs of a network on a trial, refusing a trajectory that leaves the doubles:
    /// the first non-finite state or output is named (`what` says which network, e.g. "the file's
    /// network"). `code` is the exit code (bad input for the file's own trial, a failed check for a
    /// network computed here).
    static func checkedOutputs(of network: RecurrentNetwork, inputs: [[Double]], initialState: [Double], what: String,
                               path: String, code: Int32 = SbalExitCode.badInput) throws -> [[Double]] {
        let trajectory = try network.simulate(inputs: inputs, initialState: initialState, noise: nil)
        let rate = network.timeStep / network.timeConstant
        let context = "dt / tau = \(network.timeStep) / \(network.timeConstant) = \(format(rate)), \(inputs.count) steps"
        for (t, state) in trajectory.states.enumerated() {
            if let i = state.firstIndex(where: { !$0.isFinite }) {
                throw CommandFailure(code: code, "\(path): the simulation of \(what) on the file's trial (\"inputs\") overflows: state x[\(i)] = \(state[i]) at step \(t) (\(context)); no output deviation can be computed")
            }
        }
        for (t, output) in trajectory.outputs.enumerated() {
            if let k = output.firstIndex(where: { !$0.isFinite }) {
                throw CommandFailure(code: code, "\(path): the simulation of \(what) on the file's trial (\"inputs\") overflows: output y[\(k)] = \(output[k]) at step \(t + 1) (\(context)); no output deviation can be computed")
            }
        }
        return trajectory.outputs
    }
}
