import Foundation
import SynapticBalancing

/// CSV / TSV edge lists, as connectome tools write them: one synapse per line, `pre,post,weight`.
///
/// - The delimiter is a tab for `.tsv`, a comma for `.csv`, otherwise a tab if the first line has one.
/// - An optional header is the first line whose third field is not a number; its columns are found by
///   name (`pre`/`source`/`from`/`presynaptic`..., `post`/`target`/`to`/`postsynaptic`...,
///   `weight`/`w`/`value`/`syn_count`...), other columns are ignored. Without a header the columns are
///   pre, post, weight and a line has exactly three fields. Empty lines and lines starting with `#`
///   are skipped; fields are trimmed of spaces and may be double-quoted.
/// - Neuron ids are non-negative integers (indices; N = the largest + 1) or names (any other text;
///   numbered in sorted order, by Unicode scalars, so reordering lines gives the same network). The
///   first edge decides which.
/// - A repeated (pre, post) pair is refused (naming both lines); self-loops are allowed.
/// - The line "j,i,w" is J[i][j] = w, the synapse from j into i (row i of J = synapses into i).
public enum EdgeListFormat {
    static let preNames: Set<String> = ["pre", "source", "src", "from", "presynaptic", "pre_id", "pre_root_id", "pre_neuron", "presyn", "bodyid_pre", "i"]
    static let postNames: Set<String> = ["post", "target", "tgt", "to", "postsynaptic", "post_id", "post_root_id", "post_neuron", "postsyn", "bodyid_post", "j"]
    static let weightNames: Set<String> = ["weight", "w", "value", "syn_count", "count", "weights", "strength", "synapses"]

    /// The delimiter for a path: tab for `.tsv`, comma for `.csv`, else sniffed from the first line.
    static func delimiter(path: String, bytes: [UInt8]) -> UInt8 {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "tsv", "tab": return 9
        case "csv": return 44
        default:
            let firstLine = bytes.prefix { $0 != 10 }
            return firstLine.contains(9) ? 9 : 44
        }
    }

    /// Parses an edge list.
    /// - Parameters:
    ///   - bytes: the file's bytes (UTF-8).
    ///   - name: the file named in errors.
    ///   - delimiter: `,` (44) or tab (9).
    ///   - maxNeurons: the largest N accepted (checked before anything of size N is allocated).
    /// - Returns: J (row = post) with the names, if the file names neurons.
    /// - Throws: `NetworkFileError.invalidField` naming `file:line L, column C` for a missing or
    ///   extra column, a weight that is not a finite number, a negative or mixed id, or a duplicate synapse.
    public static func decode(_ bytes: [UInt8], name: String, delimiter: UInt8,
                              maxNeurons: Int = InputLimits.defaultMaxSparseNeurons) throws -> SparseNetwork {
        var pre: [Int32] = [], post: [Int32] = [], weight: [Double] = [], lineOf: [Int32] = []
        var names: [String] = [], index: [String: Int32] = [:]
        var usesNames: Bool?
        var largest: Int64 = -1
        var columns: (pre: Int, post: Int, weight: Int, count: Int)?
        var lineNumber = 0
        func fail(_ line: Int, _ column: Int?, _ message: String) -> NetworkFileError {
            .invalidField(field: "\(name):line \(line)" + (column.map { ", column \($0)" } ?? ""), message: message)
        }
        try bytes.withUnsafeBufferPointer { buffer in
            // Byte-level fields (no String per line): a field is a byte range, trimmed of spaces and tabs
            // and of one pair of enclosing double quotes.
            func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
            func trimmed(_ a: Int, _ z: Int) -> (Int, Int) {
                var (a, z) = (a, z)
                while a < z, isSpace(buffer[a]) { a += 1 }
                while z > a, isSpace(buffer[z - 1]) { z -= 1 }
                if z - a >= 2, buffer[a] == 34, buffer[z - 1] == 34 { a += 1; z -= 1 }
                return (a, z)
            }
            func text(_ r: (Int, Int)) -> String { String(decoding: UnsafeBufferPointer(rebasing: buffer[r.0..<r.1]), as: UTF8.self) }
            // An integer as Int64(String) reads it: an optional sign, then decimal digits (nil on overflow).
            func integer(_ r: (Int, Int)) -> Int64? {
                var k = r.0
                var negative = false
                if k < r.1, buffer[k] == 43 || buffer[k] == 45 { negative = buffer[k] == 45; k += 1 }
                guard k < r.1 else { return nil }
                var value: Int64 = 0
                while k < r.1 {
                    let digit = Int64(buffer[k]) - 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    let (times, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                    guard !o1, !o2 else { return nil }
                    value = sum
                    k += 1
                }
                return value
            }
            // A decimal number: the whole field must be one (Double's own parser on the field's bytes).
            func number(_ r: (Int, Int)) -> Double? {
                let length = r.1 - r.0
                guard length > 0, length <= 400 else { return length > 400 ? Double(text(r)) : nil }
                return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { chars -> Double? in
                    for k in 0..<length { chars[k] = CChar(bitPattern: buffer[r.0 + k]) }
                    chars[length] = 0
                    var stop: UnsafeMutablePointer<CChar>?
                    let value = strtod(chars.baseAddress!, &stop)
                    // strtod skips leading spaces and accepts hex and "infinity"; the field is trimmed, and
                    // Double(String) accepts the same forms.
                    guard let stop, stop == chars.baseAddress! + length, !isSpace(buffer[r.0]) else { return nil }
                    return value
                }
            }
            var start = 0
            let end = buffer.count
            var fields: [(Int, Int)] = []
            while start < end {
                var stop = start
                while stop < end, buffer[stop] != 10 { stop += 1 }
                lineNumber += 1
                defer { start = stop + 1 }
                var lineEnd = stop
                if lineEnd > start, buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = trimmed(start, lineEnd)
                if line.0 == line.1 || buffer[line.0] == 35 { continue }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = start
                for k in start..<lineEnd where buffer[k] == delimiter {
                    fields.append(trimmed(fieldStart, k))
                    fieldStart = k + 1
                }
                fields.append(trimmed(fieldStart, lineEnd))
                if columns == nil {
                    // the first line: a header when its weight field is not a number
                    if fields.count >= 3, number(fields[2]) != nil {
                        columns = (0, 1, 2, 3)
                    } else {
                        let lower = fields.map { text($0).lowercased() }
                        guard let p = lower.firstIndex(where: preNames.contains) else {
                            throw fail(lineNumber, nil, "the header names no presynaptic column (one of \(preNames.sorted().joined(separator: ", "))); without a header a line is pre,post,weight")
                        }
                        guard let q = lower.firstIndex(where: postNames.contains) else {
                            throw fail(lineNumber, nil, "the header names no postsynaptic column (one of \(postNames.sorted().joined(separator: ", ")))")
                        }
                        guard let w = lower.firstIndex(where: weightNames.contains) else {
                            throw fail(lineNumber, nil, "the header names no weight column (one of \(weightNames.sorted().joined(separator: ", ")))")
                        }
                        columns = (p, q, w, -1)
                        continue
                    }
                }
                let c = columns!
                if c.count > 0, fields.count != c.count {
                    throw fail(lineNumber, min(fields.count, c.count) + 1, "expected 3 fields (pre, post, weight), got \(fields.count)")
                }
                let needed = max(c.pre, c.post, c.weight) + 1
                if fields.count < needed {
                    throw fail(lineNumber, fields.count + 1, "missing column: the line has \(fields.count) fields, the header's columns need \(needed)")
                }
                guard let w = number(fields[c.weight]) else {
                    throw fail(lineNumber, c.weight + 1, "weight \"\(text(fields[c.weight]).prefix(40))\" is not a number")
                }
                guard w.isFinite else { throw fail(lineNumber, c.weight + 1, "weight \(text(fields[c.weight])) is not finite") }
                var ids: (Int32, Int32) = (0, 0)
                for slot in 0..<2 {
                    let column = slot == 0 ? c.pre : c.post
                    let field = fields[column]
                    guard field.0 < field.1 else { throw fail(lineNumber, column + 1, "empty neuron id") }
                    let value = integer(field)
                    if usesNames == nil { usesNames = value == nil }
                    let id: Int32
                    if usesNames! {
                        let key = text(field)
                        if let k = index[key] {
                            id = k
                        } else {
                            guard names.count < Int(Int32.max) else { throw fail(lineNumber, column + 1, "too many neurons") }
                            id = Int32(names.count)
                            index[key] = id
                            names.append(key)
                        }
                    } else {
                        guard let value else {
                            throw fail(lineNumber, column + 1, "neuron id \"\(text(field).prefix(40))\" is not an index (the first edge gives indices, so every id must be a non-negative integer)")
                        }
                        guard value >= 0 else { throw fail(lineNumber, column + 1, "negative neuron index \(value)") }
                        guard value < Int64(Int32.max) else { throw fail(lineNumber, column + 1, "neuron index \(value) is above \(Int32.max - 1)") }
                        largest = max(largest, value)
                        id = Int32(value)
                    }
                    if slot == 0 { ids.0 = id } else { ids.1 = id }
                }
                pre.append(ids.0)
                post.append(ids.1)
                weight.append(w)
                lineOf.append(Int32(truncatingIfNeeded: lineNumber))
            }
        }
        let n = usesNames == true ? names.count : Int(largest + 1)
        guard n <= maxNeurons else {
            throw NetworkFileError.limitExceeded(file: name, message: "N = \(n) neurons (the largest index + 1), above the limit --max-sparse-neurons \(maxNeurons) (raise --max-sparse-neurons to read it)")
        }
        if usesNames == true {
            // names are numbered in sorted order, so the line order does not change the network
            let order = names.indices.sorted { names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars) }
            var renumbered = [Int32](repeating: 0, count: names.count)
            for (new, old) in order.enumerated() { renumbered[old] = Int32(new) }
            names = order.map { names[$0] }
            for k in pre.indices { pre[k] = renumbered[Int(pre[k])]; post[k] = renumbered[Int(post[k])] }
        }
        let weights = try SparseNetwork.csr(n: n, post: post, pre: pre, weight: weight) { "\(name):line \(lineOf[$0])" }
        return SparseNetwork(weights: weights, neuronNames: usesNames == true ? names : nil, layout: .edgeList(delimiter: delimiter))
    }

    /// The text of an edge list: a `pre,post,weight` header, then one line per stored entry in row
    /// order (neurons by name if `network` has names), weights as shortest round-trip decimals.
    /// - Parameters:
    ///   - network: the network (its `weights` row = post).
    ///   - delimiter: `,` or tab.
    /// - Returns: the bytes.
    public static func encode(_ network: SparseNetwork, delimiter: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(network, delimiter: delimiter) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The lines of `encode(_:delimiter:)`, handed to `emit` in pieces of about 1 MiB (a file is
    /// streamed, never held whole). Each neuron's name is encoded once, not once per synapse.
    static func encode(_ network: SparseNetwork, delimiter: UInt8, emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let J = network.weights
        // every name's UTF-8 in one array: name i is nameBytes[nameStart[i] ..< nameStart[i + 1]]
        var nameBytes: [UInt8] = [], nameStart = [0]
        for i in 0..<J.rows { nameBytes.append(contentsOf: network.name(of: i).utf8); nameStart.append(nameBytes.count) }
        var piece: [UInt8] = Array("pre".utf8) + [delimiter] + Array("post".utf8) + [delimiter] + Array("weight\n".utf8)
        piece.reserveCapacity(1 << 20 + 4096)
        try nameBytes.withUnsafeBufferPointer { names in
        for i in 0..<J.rows {
            let post = UnsafeBufferPointer(rebasing: names[nameStart[i]..<nameStart[i + 1]])
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                let j = Int(J.columnIndex[k])
                piece.append(contentsOf: UnsafeBufferPointer(rebasing: names[nameStart[j]..<nameStart[j + 1]]))
                piece.append(delimiter)
                piece.append(contentsOf: post)
                piece.append(delimiter)
                piece.append(contentsOf: J.values[k].description.utf8)
                piece.append(10)
                if piece.count >= 1 << 20 {
                    try piece.withUnsafeBytes(emit)
                    piece.removeAll(keepingCapacity: true)
                }
            }
        }
        }
        try piece.withUnsafeBytes(emit)
    }

    /// The text of the per-neuron log-scales: `neuron,h` lines (by name if the network has names).
    /// - Parameters:
    ///   - network: the network (names).
    ///   - logScales: h, one per neuron.
    ///   - delimiter: `,` or tab.
    /// - Returns: the bytes.
    public static func encodeLogScales(_ network: SparseNetwork, logScales: [Double], delimiter: UInt8) -> [UInt8] {
        let d = Character(Unicode.Scalar(delimiter))
        var text = "neuron\(d)h\n"
        for (i, h) in logScales.enumerated() { text += "\(network.name(of: i))\(d)\(h)\n" }
        return Array(text.utf8)
    }
}
