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
    /// - Returns: J (row = post) with the names, if the file names neurons.
    /// - Throws: `NetworkFileError.invalidField` naming `file:line L, column C` for a missing or
    ///   extra column, a weight that is not a finite number, a negative or mixed id, or a duplicate synapse.
    public static func decode(_ bytes: [UInt8], name: String, delimiter: UInt8) throws -> SparseNetwork {
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
            var start = 0
            let end = buffer.count
            var fields: [Substring] = []
            while start < end {
                var stop = start
                while stop < end, buffer[stop] != 10 { stop += 1 }
                lineNumber += 1
                defer { start = stop + 1 }
                var lineEnd = stop
                if lineEnd > start, buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<lineEnd]), as: UTF8.self)
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                fields = line.split(separator: Character(Unicode.Scalar(delimiter)), omittingEmptySubsequences: false).map {
                    var f = $0.trimmingCharacters(in: .whitespaces)[...]
                    if f.count >= 2, f.first == "\"", f.last == "\"" { f = f.dropFirst().dropLast() }
                    return f
                }
                if columns == nil {
                    // the first line: a header when its weight field is not a number
                    if fields.count >= 3, Double(String(fields[2])) != nil {
                        columns = (0, 1, 2, 3)
                    } else {
                        let lower = fields.map { $0.lowercased() }
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
                guard let w = Double(String(fields[c.weight])) else {
                    throw fail(lineNumber, c.weight + 1, "weight \"\(fields[c.weight].prefix(40))\" is not a number")
                }
                guard w.isFinite else { throw fail(lineNumber, c.weight + 1, "weight \(fields[c.weight]) is not finite") }
                var ids: [Int32] = []
                for column in [c.pre, c.post] {
                    let text = fields[column]
                    guard !text.isEmpty else { throw fail(lineNumber, column + 1, "empty neuron id") }
                    let integer = Int64(String(text))
                    if usesNames == nil { usesNames = integer == nil }
                    if usesNames! {
                        if let k = index[String(text)] { ids.append(k); continue }
                        guard names.count < Int(Int32.max) else { throw fail(lineNumber, column + 1, "too many neurons") }
                        let k = Int32(names.count)
                        index[String(text)] = k
                        names.append(String(text))
                        ids.append(k)
                    } else {
                        guard let integer else {
                            throw fail(lineNumber, column + 1, "neuron id \"\(text.prefix(40))\" is not an index (the first edge gives indices, so every id must be a non-negative integer)")
                        }
                        guard integer >= 0 else { throw fail(lineNumber, column + 1, "negative neuron index \(integer)") }
                        guard integer < Int64(Int32.max) else { throw fail(lineNumber, column + 1, "neuron index \(integer) is above \(Int32.max - 1)") }
                        largest = max(largest, integer)
                        ids.append(Int32(integer))
                    }
                }
                pre.append(ids[0])
                post.append(ids[1])
                weight.append(w)
                lineOf.append(Int32(truncatingIfNeeded: lineNumber))
            }
        }
        let n = usesNames == true ? names.count : Int(largest + 1)
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
        let J = network.weights
        let d = Character(Unicode.Scalar(delimiter))
        var text = "pre\(d)post\(d)weight\n"
        text.reserveCapacity(J.nonzeroCount * 24)
        for i in 0..<J.rows {
            let postName = network.name(of: i)
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                text += network.name(of: Int(J.columnIndex[k]))
                text.append(d)
                text += postName
                text.append(d)
                text += "\(J.values[k])\n"
            }
        }
        return Array(text.utf8)
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
