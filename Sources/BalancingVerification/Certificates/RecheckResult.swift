/// The outcome of `Certificate.recheck()`: every claim recomputed from the certificate's network and
/// parameters alone, compared with the report stored in the file.
public struct RecheckResult: Sendable, Hashable, Codable {
    /// One claim and its stored report.
    public struct Entry: Sendable, Hashable, Codable {
        /// Position of the claim in the certificate.
        public var index: Int
        public var check: CheckKind
        /// The verdict the file states (not trusted).
        public var storedVerdict: Verdict?
        /// The report recomputed now (nil when the check could not run).
        public var recomputed: CheckReport?
        /// Why the check could not run, if it could not.
        public var error: String?
        /// True iff the stored report equals the recomputed one in every field.
        public var matchesStoredReport: Bool
        /// The fields that differ, e.g. "verdict: stored verified, recomputed failed".
        public var differences: [String]
    }

    public var entries: [Entry]
    /// Problems with the certificate as a whole (e.g. a different number of claims and reports).
    public var problems: [String]

    /// True iff every stored report was reproduced exactly.
    public var reproduced: Bool { problems.isEmpty && entries.allSatisfy(\.matchesStoredReport) }

    /// `verified` iff every stored report was reproduced and every recomputed verdict is `verified`.
    public var verdict: Verdict {
        reproduced && entries.allSatisfy({ $0.recomputed?.verdict == .verified }) ? .verified : .failed
    }

    /// A few human-readable lines.
    public var summary: String {
        var lines = problems
        for entry in entries {
            let status = entry.recomputed.map { "\($0.verdict.rawValue): \($0.summary)" } ?? "error: \(entry.error ?? "?")"
            lines.append("[\(entry.index)] \(entry.check.rawValue): \(status)\(entry.matchesStoredReport ? "" : " (stored report differs)")")
            lines += entry.differences.map { "    \($0)" }
        }
        lines.append(verdict == .verified ? "certificate verified" : (reproduced ? "certificate reproduced, but a claim fails" : "certificate NOT reproduced"))
        return lines.joined(separator: "\n")
    }
}
