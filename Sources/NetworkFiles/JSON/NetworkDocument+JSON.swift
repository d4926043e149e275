import Foundation
import Rationals
import SynapticBalancing

extension NetworkDocument {
    /// The value of the `"format"` member that identifies a network file.
    public static let formatName = "synaptic-balancing-network"
    /// The file format version this package reads and writes.
    public static let formatVersion = 1

    static let knownFields: Set<String> = ["format", "version", "description", "orientation", "readout", "nonlinearity", "tau", "dt", "J", "W_in", "W_out", "b", "cost", "inputs", "targets", "initial_state"]

    // MARK: Reading

    /// Reads a network from JSON text (see the README for the format). Every number may be a JSON
    /// number (taken exactly as written: `0.1` is 1/10) or a string `"p/q"` / decimal.
    public init(json text: String) throws {
        try self.init(jsonValue: try JSONParser.parse(text))
    }

    /// Reads a network from UTF-8 JSON bytes.
    public init(jsonBytes bytes: [UInt8]) throws {
        try self.init(jsonValue: try JSONParser.parse(bytes: bytes))
    }

    /// Reads a network from a parsed JSON value; `orientation` overrides the file's "orientation"
    /// (default when neither: post_pre, recorded as assumed in `orientationSource`).
    public init(jsonValue root: JSONValue, orientation override: NetworkOrientation? = nil) throws {
        guard case let .object(members) = root else {
            throw NetworkFileError.invalidField(field: "(document)", message: "expected a JSON object, got \(root.briefDescription)")
        }
        for (key, _) in members where !NetworkDocument.knownFields.contains(key) {
            throw NetworkFileError.invalidField(field: key, message: "unknown field (known fields: \(NetworkDocument.knownFields.sorted().joined(separator: ", ")))")
        }
        if let format = root["format"] {
            guard case let .string(name) = format, name == NetworkDocument.formatName else {
                throw NetworkFileError.invalidField(field: "format", message: "expected \"\(NetworkDocument.formatName)\", got \(format.briefDescription)")
            }
        }
        if let version = root["version"] {
            guard case let .number(text) = version, text == "1" else {
                throw NetworkFileError.invalidField(field: "version", message: "version \(version.briefDescription) is not supported (this reader knows version 1)")
            }
        }
        var description: String?
        if let d = root["description"] {
            guard case let .string(s) = d else { throw NetworkFileError.invalidField(field: "description", message: "expected a string, got \(d.briefDescription)") }
            description = s
        }
        // Nonlinearity: "relu" or {"kind": "leaky_relu", "slope": "1/10"}.
        var kind = NonlinearityKind.relu
        var slope: Rational?
        if let nl = root["nonlinearity"] {
            let kindValue: JSONValue
            switch nl {
            case .string: kindValue = nl
            case let .object(fields):
                for (key, _) in fields where key != "kind" && key != "slope" {
                    throw NetworkFileError.invalidField(field: "nonlinearity.\(key)", message: "unknown field (expected \"kind\" and, for leaky_relu, \"slope\")")
                }
                guard let k = nl["kind"] else { throw NetworkFileError.missingField("nonlinearity.kind") }
                kindValue = k
                if let s = nl["slope"] { slope = try NetworkDocument.number(s, field: "nonlinearity.slope") }
            default:
                throw NetworkFileError.invalidField(field: "nonlinearity", message: "expected a name or {\"kind\": ..., \"slope\": ...}, got \(nl.briefDescription)")
            }
            guard case let .string(name) = kindValue, let k = NonlinearityKind(rawValue: name) else {
                throw NetworkFileError.invalidField(field: "nonlinearity.kind", message: "expected one of \(NonlinearityKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \(kindValue.briefDescription)")
            }
            kind = k
        }
        var stated: NetworkOrientation?
        if let o = root["orientation"] {
            guard case let .string(name) = o, let value = NetworkOrientation(rawValue: name) else {
                throw NetworkFileError.invalidField(field: "orientation", message: "expected \"post_pre\" (row i of J = synapses into neuron i) or \"pre_post\" (W[pre][post], as x @ W), got \(o.briefDescription)")
            }
            stated = value
        }
        let (orientation, source) = NetworkDocument.resolveOrientation(stated: stated, override: override)
        var readout = Readout.rate
        if let r = root["readout"] {
            guard case let .string(name) = r, let value = Readout(rawValue: name) else {
                throw NetworkFileError.invalidField(field: "readout", message: "expected \"rate\" (y = W_out phi(x)) or \"state\" (y = W_out x), got \(r.briefDescription)")
            }
            readout = value
        }
        guard let jValue = root["J"] else { throw NetworkFileError.missingField("J") }
        let j = NetworkDocument.postPre(try NetworkDocument.matrix(jValue, field: "J"), from: orientation)!
        let n = j.rows
        func optionalMatrix(_ key: String, emptyShape: (Int, Int)) throws -> NumberMatrix? {
            guard let v = root[key] else { return nil }
            if case let .array(a) = v, a.isEmpty { return NumberMatrix(rows: emptyShape.0, columns: emptyShape.1, exact: []) }
            return try NetworkDocument.matrix(v, field: key)
        }
        // "[]" is an empty W_in / W_out in either orientation; anything else is in the file's layout.
        func weights(_ key: String, emptyShape: (Int, Int)) throws -> NumberMatrix? {
            if case let .array(a)? = root[key], a.isEmpty { return try optionalMatrix(key, emptyShape: emptyShape) }
            return NetworkDocument.postPre(try optionalMatrix(key, emptyShape: emptyShape), from: orientation)
        }
        let wIn = try weights("W_in", emptyShape: (n, 0))
        let wOut = try weights("W_out", emptyShape: (0, n))
        let b = try root["b"].map { try NetworkDocument.vector($0, field: "b") }
        let tau = try root["tau"].map { try NetworkDocument.number($0, field: "tau") } ?? 1
        let dt = try root["dt"].map { try NetworkDocument.number($0, field: "dt") } ?? Rational(1, 10)
        var cost: Cost?
        if let c = root["cost"] {
            guard case let .object(fields) = c else { throw NetworkFileError.invalidField(field: "cost", message: "expected an object {\"p\": ..., \"alpha\": ...}, got \(c.briefDescription)") }
            for (key, _) in fields where key != "p" && key != "alpha" {
                throw NetworkFileError.invalidField(field: "cost.\(key)", message: "unknown field (expected \"p\" and \"alpha\")")
            }
            let p = try c["p"].map { try NetworkDocument.number($0, field: "cost.p") } ?? 2
            var weights = CostWeights.uniform
            if let a = c["alpha"] {
                switch a {
                case .array(let elements):
                    if case .array = elements.first {
                        weights = .full(NetworkDocument.postPre(try NetworkDocument.matrix(a, field: "cost.alpha"), from: orientation)!)
                    } else {
                        weights = .presynaptic(try NetworkDocument.vector(a, field: "cost.alpha"))
                    }
                default:
                    weights = .scalar(try NetworkDocument.number(a, field: "cost.alpha"))
                }
            }
            cost = Cost(exponent: p, weights: weights)
        }
        let inputs = try root["inputs"].map { try NetworkDocument.trials($0, field: "inputs") }
        let targets = try root["targets"].map { try NetworkDocument.trials($0, field: "targets") }
        if let inputs, let targets, inputs.matrix.rows > 0, inputs.trials != targets.trials {
            throw NetworkFileError.shapeMismatch("targets has \(targets.trials) trial(s), inputs has \(inputs.trials): expected the same trials")
        }
        let x0 = try root["initial_state"].map { try NetworkDocument.vector($0, field: "initial_state") }
        do {
            try self.init(nonlinearity: kind, slope: slope, timeConstant: tau, timeStep: dt, recurrentWeights: j,
                          inputWeights: wIn, outputWeights: wOut, bias: b, cost: cost, inputs: inputs?.matrix, initialState: x0,
                          targets: targets?.matrix, trialCount: NetworkDocument.trialCount(inputs: inputs, targets: targets), description: description)
        } catch { throw NetworkDocument.inFileTerms(error, orientation: orientation) }
        self.orientation = orientation
        self.orientationSource = source
        self.readout = readout
    }

    /// One exact number: a JSON number literal or a string holding "p/q", an integer or a decimal.
    static func number(_ value: JSONValue, field: String) throws -> Rational {
        switch value {
        case let .number(text):
            guard let r = Rational(text) else { throw NetworkFileError.invalidField(field: field, message: "cannot read the number \(text)") }
            return r
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let r = Rational(trimmed) else {
                throw NetworkFileError.invalidField(field: field, message: "expected a number or \"p/q\" string, got \(value.briefDescription)")
            }
            return r
        default:
            throw NetworkFileError.invalidField(field: field, message: "expected a number or \"p/q\" string, got \(value.briefDescription)")
        }
    }

    /// A vector of exact numbers, as an n x 1 matrix.
    static func vector(_ value: JSONValue, field: String) throws -> NumberMatrix {
        guard case let .array(elements) = value else {
            throw NetworkFileError.invalidField(field: field, message: "expected an array of numbers, got \(value.briefDescription)")
        }
        let values = try elements.enumerated().map { try number($1, field: "\(field)[\($0)]") }
        return NumberMatrix(rows: values.count, columns: 1, exact: values)
    }

    /// A matrix given as an array of rows of equal length.
    static func matrix(_ value: JSONValue, field: String) throws -> NumberMatrix {
        guard case let .array(rows) = value else {
            throw NetworkFileError.invalidField(field: field, message: "expected an array of rows, got \(value.briefDescription)")
        }
        var values: [Rational] = []
        var columns: Int?
        for (i, row) in rows.enumerated() {
            guard case let .array(entries) = row else {
                throw NetworkFileError.invalidField(field: "\(field)[\(i)]", message: "expected a row (an array of numbers), got \(row.briefDescription)")
            }
            if let c = columns, c != entries.count {
                throw NetworkFileError.shapeMismatch("\(field)[\(i)] has \(entries.count) entries, expected \(c) (the length of \(field)[0])")
            }
            columns = entries.count
            for (k, entry) in entries.enumerated() {
                values.append(try number(entry, field: "\(field)[\(i)][\(k)]"))
            }
        }
        return NumberMatrix(rows: rows.count, columns: columns ?? 0, exact: values)
    }

    /// Trial data: `[]` (no steps), T rows of numbers (one trial) or an array of trials, each T rows
    /// ((trials, T, width), all trials of the same length), stacked into (trials * T) rows.
    static func trials(_ value: JSONValue, field: String) throws -> (matrix: NumberMatrix, trials: Int) {
        guard case let .array(items) = value else {
            throw NetworkFileError.invalidField(field: field, message: "expected an array of steps (T x width) or of trials (trials x T x width), got \(value.briefDescription)")
        }
        guard case let .array(first)? = items.first, case .array? = first.first else {
            if items.isEmpty { return (NumberMatrix(rows: 0, columns: 0, exact: []), 1) }
            return (try matrix(value, field: field), 1)
        }
        var stacked: [JSONValue] = []
        for (k, trial) in items.enumerated() {
            guard case let .array(steps) = trial, !steps.isEmpty else {
                throw NetworkFileError.invalidField(field: "\(field)[\(k)]", message: "expected a trial (a non-empty array of steps), got \(trial.briefDescription)")
            }
            guard steps.count == first.count else {
                throw NetworkFileError.shapeMismatch("\(field)[\(k)] has \(steps.count) steps, expected \(first.count) (the length of \(field)[0]): every trial has the same length")
            }
            stacked.append(contentsOf: steps)
        }
        do {
            return (try matrix(.array(stacked), field: field), items.count)
        } catch let NetworkFileError.invalidField(position, message) {
            // Name the position in the file's (trial, step, entry) terms.
            throw NetworkFileError.invalidField(field: trialPosition(position, field: field, steps: first.count), message: message)
        } catch let NetworkFileError.shapeMismatch(message) where message.hasPrefix(field + "[") {
            let position = message.prefix { $0 != " " }
            throw NetworkFileError.shapeMismatch(trialPosition(String(position), field: field, steps: first.count) + message.dropFirst(position.count))
        }
    }

    /// "inputs[7][0]" of the stacked rows as "inputs[1][2][0]" (trial, step, entry) for T = 5.
    static func trialPosition(_ position: String, field: String, steps: Int) -> String {
        let rest = position.dropFirst(field.count)
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), let row = Int(rest[rest.index(after: rest.startIndex)..<close]), steps > 0 else {
            return position
        }
        return "\(field)[\(row / steps)][\(row % steps)]" + rest[rest.index(after: close)...]
    }

    /// Trial data as JSON: T rows for one trial, an array of trials otherwise.
    /// The trials of a file: those of its inputs, or of its targets when the inputs are empty.
    static func trialCount(inputs: (matrix: NumberMatrix, trials: Int)?, targets: (matrix: NumberMatrix, trials: Int)?) -> Int {
        if let inputs, inputs.matrix.rows > 0 || targets == nil { return inputs.trials }
        return targets?.trials ?? 1
    }

    static func trialsText(_ m: NumberMatrix, trials: Int) -> String {
        guard trials > 1, m.rows > 0 else { return matrixText(m) }
        let steps = m.rows / trials
        let texts = elementTexts(m)
        let blocks = (0..<trials).map { k in
            "    [\n" + (0..<steps).map { t in
                let i = k * steps + t
                return "      [" + texts[i * m.columns..<(i + 1) * m.columns].joined(separator: ", ") + "]"
            }.joined(separator: ",\n") + "\n    ]"
        }
        return "[\n" + blocks.joined(separator: ",\n") + "\n  ]"
    }

    // MARK: Writing

    /// The document as pretty-printed JSON: exact integers as JSON numbers, other exact values as
    /// `"p/q"` strings, doubles as the shortest decimal that reads back to the same double.
    public func jsonText() -> String {
        var lines: [String] = ["{"]
        var members: [String] = []
        members.append("  \"format\": \"\(NetworkDocument.formatName)\"")
        members.append("  \"version\": \(NetworkDocument.formatVersion)")
        if let description { members.append("  \"description\": \(NetworkDocument.quoted(description))") }
        members.append("  \"orientation\": \"\(orientation.rawValue)\"")
        members.append("  \"readout\": \"\(readout.rawValue)\"")
        if let slope {
            members.append("  \"nonlinearity\": {\"kind\": \"\(nonlinearity.rawValue)\", \"slope\": \(NetworkDocument.literal(slope))}")
        } else {
            members.append("  \"nonlinearity\": {\"kind\": \"\(nonlinearity.rawValue)\"}")
        }
        members.append("  \"tau\": \(NetworkDocument.literal(timeConstant))")
        members.append("  \"dt\": \(NetworkDocument.literal(timeStep))")
        members.append("  \"J\": " + NetworkDocument.matrixText(inFileLayout(recurrentWeights)))
        members.append("  \"W_in\": " + NetworkDocument.matrixText(inFileLayout(inputWeights)))
        members.append("  \"W_out\": " + NetworkDocument.matrixText(inFileLayout(outputWeights)))
        members.append("  \"b\": " + NetworkDocument.vectorText(bias))
        if let cost {
            var c = "  \"cost\": {\"p\": \(NetworkDocument.literal(cost.exponent))"
            switch cost.weights {
            case .uniform: break
            case let .scalar(a): c += ", \"alpha\": \(NetworkDocument.literal(a))"
            case let .presynaptic(r): c += ", \"alpha\": " + NetworkDocument.vectorText(r)
            case let .full(a): c += ", \"alpha\": " + NetworkDocument.matrixText(inFileLayout(a), indent: "    ")
            }
            members.append(c + "}")
        }
        if let inputs { members.append("  \"inputs\": " + NetworkDocument.trialsText(inputs, trials: trialCount)) }
        if let targets { members.append("  \"targets\": " + NetworkDocument.trialsText(targets, trials: trialCount)) }
        if let initialState { members.append("  \"initial_state\": " + NetworkDocument.vectorText(initialState)) }
        lines.append(members.joined(separator: ",\n"))
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func literal(_ r: Rational) -> String { r.isInteger ? r.description : "\"\(r.description)\"" }

    static func literal(_ x: Double) -> String {
        // Swift prints the shortest round-tripping decimal; integral values as "3.0".
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func elementTexts(_ m: NumberMatrix) -> [String] {
        switch m.storage {
        case let .exact(v): return v.map(literal)
        case let .double(v): return v.map(literal)
        }
    }

    static func matrixText(_ m: NumberMatrix, indent: String = "  ") -> String {
        if m.rows == 0 { return "[]" }
        let texts = elementTexts(m)
        let rows = (0..<m.rows).map { i in "\(indent)  [" + texts[i * m.columns..<(i + 1) * m.columns].joined(separator: ", ") + "]" }
        return "[\n" + rows.joined(separator: ",\n") + "\n\(indent)]"
    }

    static func vectorText(_ m: NumberMatrix) -> String { "[" + elementTexts(m).joined(separator: ", ") + "]" }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
