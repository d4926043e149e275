/// Limits on the size of an input file, checked before the expensive work (each is named in the
/// error by its `sbal` option, e.g. `--max-neurons`).
public struct InputLimits: Sendable, Equatable {
    /// Neurons N of a network (or of a certificate's network).
    public var maxNeurons: Int
    /// Neurons N of a sparse network file (edge list, scipy.sparse), which is never densified.
    public var maxSparseNeurons: Int = InputLimits.defaultMaxSparseNeurons
    /// The default sparse limit: 50 million neurons (a few hundred MB of row pointers).
    public static let defaultMaxSparseNeurons = 50_000_000
    /// Total uncompressed size of an `.npz` archive's members, in bytes.
    public var maxUncompressedBytes: Int
    /// Time steps of the trials (all trials together: rows of `inputs` and `targets`), in a network or a certificate's claims.
    public var maxTrialSteps: Int
    /// Claims of a certificate.
    public var maxClaims: Int
    /// Decimal digits of one number (a rational "p/q" or a literal, a decimal exponent counting as
    /// its magnitude) in a network file or a certificate.
    public var maxDigits: Int

    public static let defaultMaxNeurons = 4096
    public static let defaultMaxTrialSteps = 100_000
    public static let defaultMaxClaims = 64
    public static let defaultMaxDigits = 100_000

    public init(maxNeurons: Int = defaultMaxNeurons, maxUncompressedBytes: Int = NumPyArchive.defaultMaxUncompressedBytes,
                maxTrialSteps: Int = defaultMaxTrialSteps, maxClaims: Int = defaultMaxClaims, maxDigits: Int = defaultMaxDigits) {
        self.maxNeurons = maxNeurons
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxTrialSteps = maxTrialSteps
        self.maxClaims = maxClaims
        self.maxDigits = maxDigits
    }

    /// No limits beyond the archive default (for library callers that trust their files).
    public static let standard = InputLimits()

    func refuse(_ file: String, _ field: String, _ what: String, option: String, _ limit: Int) -> NetworkFileError {
        .limitExceeded(file: file, message: "\(field): \(what), above the limit \(option) \(limit) (raise \(option) to read it)")
    }

    /// Checks N and the trial length of a network.
    func check(neurons: Int, field: String = "J", trialSteps: Int?, file: String) throws {
        guard neurons <= maxNeurons else {
            throw refuse(file, field, "N = \(neurons) neurons", option: "--max-neurons", maxNeurons)
        }
        if let trialSteps, trialSteps > maxTrialSteps {
            throw refuse(file, "inputs", "\(trialSteps) time steps", option: "--max-trial-steps", maxTrialSteps)
        }
    }

    /// Checks a parsed certificate before it is decoded: its claims, its network's N, every trial's
    /// length and every number's length.
    public func checkCertificate(_ root: JSONValue, file: String) throws {
        if case let .array(claims)? = root["claims"], claims.count > maxClaims {
            throw refuse(file, "claims", "\(claims.count) claims", option: "--max-claims", maxClaims)
        }
        if let j = root["network"]?["recurrentWeights"] {
            // {"rows": N, "columns": N, "values": [[...]]}: the largest of the three counts.
            func count(_ v: JSONValue?) -> Int {
                switch v {
                case let .number(text)?: return Int(text) ?? Int.max
                case let .array(items)?: return items.count
                default: return 0
                }
            }
            let n = max(count(j["rows"]), count(j["columns"]), count(j["values"]))
            try check(neurons: n, field: "network.recurrentWeights", trialSteps: nil, file: file)
        }
        if case let .array(claims)? = root["claims"] {
            for (i, claim) in claims.enumerated() {
                if case let .array(steps)? = claim["parameters"]?["inputs"], steps.count > maxTrialSteps {
                    throw refuse(file, "claims[\(i)].parameters.inputs", "\(steps.count) time steps", option: "--max-trial-steps", maxTrialSteps)
                }
                // A float-path audit: its recorded points, and the exact integration steps between them.
                if case let .array(points)? = claim["parameters"]?["path"], points.count > maxTrialSteps {
                    throw refuse(file, "claims[\(i)].parameters.path", "\(points.count) path points", option: "--max-trial-steps", maxTrialSteps)
                }
                if case let .number(text)? = claim["parameters"]?["schemeComparison"]?["steps"] {
                    let steps = Int(text) ?? Int.max
                    if steps > maxTrialSteps {
                        throw refuse(file, "claims[\(i)].parameters.schemeComparison.steps", "\(Int(text).map(String.init) ?? text) integration steps",
                                     option: "--max-trial-steps", maxTrialSteps)
                    }
                }
            }
        }
        try checkDigits(root, path: "", file: file)
    }

    /// The decimal digits of a number's exact value: its characters plus the magnitude of a decimal
    /// exponent, since "1e-1000000" is the rational 1/10^1000000 (a million digits in 7 characters).
    static func exactDigits(_ text: String) -> Int {
        // Only a number literal has an exponent; any other text counts its characters.
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) || "+-./eE".utf8.contains($0) }),
              let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text.utf8.count }
        let exponent = text[text.index(after: e)...].drop { $0 == "+" || $0 == "-" }
        // More than 18 exponent digits cannot be represented (and exceeds any limit anyway).
        let magnitude = exponent.count > 18 ? Int.max / 2 : (Int(exponent) ?? Int.max / 2)
        return text.utf8.count + magnitude
    }

    private func describe(_ text: String, digits: Int) -> String {
        digits == text.utf8.count ? "a number of \(digits) characters"
            : "the number \(text.prefix(40)) of \(digits > Int.max / 4 ? "too many" : String(digits)) digits written out"
    }

    /// Checks every number of a parsed JSON document (a network file or a certificate) against
    /// `--max-digits`, counting a decimal exponent's magnitude as digits.
    public func checkDigits(_ root: JSONValue, file: String) throws {
        try checkDigits(root, path: "", file: file)
    }

    private func checkDigits(_ value: JSONValue, path: String, file: String) throws {
        switch value {
        case let .number(text) where InputLimits.exactDigits(text) > maxDigits,
             let .string(text) where InputLimits.exactDigits(text) > maxDigits && text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true:
            throw refuse(file, path.isEmpty ? "(document)" : path, describe(text, digits: InputLimits.exactDigits(text)), option: "--max-digits", maxDigits)
        case let .array(items):
            for (i, item) in items.enumerated() { try checkDigits(item, path: "\(path)[\(i)]", file: file) }
        case let .object(members):
            // free text is not a number, even when it looks like one ("description": "1e9")
            for (key, item) in members where key != "description" {
                try checkDigits(item, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            }
        default: break
        }
    }
}
