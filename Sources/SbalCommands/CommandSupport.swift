import ArgumentParser
import Foundation
import NetworkFiles
import SynapticBalancing

/// Helpers shared by the subcommands.
enum CommandSupport {
    /// Reads a network file; any error becomes exit code 2 with a message naming the file.
    static func readNetwork(_ path: String) throws -> NetworkDocument {
        do {
            return try NetworkFile.read(path)
        } catch let error as NetworkFileError {
            if case .io = error { throw CommandFailure("\(error)") }
            throw CommandFailure("\(path): \(error)")
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
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

    /// JSON text of an encodable value (sorted keys, pretty printed, non-finite doubles as strings).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
    static func synapseCount(_ j: DenseMatrix) -> Int { j.elements.filter { $0 != 0 }.count }

    /// Deterministic outputs of a network on the document's trial (nil without inputs).
    static func outputs(of network: RecurrentNetwork, inputs: [[Double]], initialState: [Double]) throws -> [[Double]] {
        try network.simulate(inputs: inputs, initialState: initialState, noise: nil).outputs
    }
}
