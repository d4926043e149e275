import Foundation

/// A self-contained certificate: an exact network, claims about it (checks with their parameters) and
/// the reports those checks produced. Serialises to JSON with every rational as a string "p/q".
///
/// `recheck()` is the `verify` entry point: it recomputes every claim from the file alone and compares
/// the result with the stored report, never trusting a stored verdict or value.
public struct Certificate: Sendable, Equatable {
    /// The JSON format version written by this library.
    public static let currentFormatVersion = 1

    /// Free text carried along.
    public var description: String?
    /// The network the claims are about.
    public var network: ExactNetwork
    public var claims: [Claim]
    /// One report per claim, in order (as computed at issue time, or as read from a file).
    public var reports: [CheckReport]

    /// Issues a certificate: runs every claim on the network and stores the reports.
    /// - Throws: the first error of a check that cannot run (bad shapes, refused nonlinearity, ...).
    public init(network: ExactNetwork, claims: [Claim], description: String? = nil) throws {
        self.description = description
        self.network = network
        self.claims = claims
        self.reports = try claims.map { try $0.run(on: network) }
    }

    /// A certificate with the given stored reports, as read from a file (nothing is checked).
    public init(network: ExactNetwork, claims: [Claim], reports: [CheckReport], description: String? = nil) {
        self.description = description
        self.network = network
        self.claims = claims
        self.reports = reports
    }

    /// The verdict the stored reports state (untrusted until `recheck()`).
    public var storedVerdict: Verdict {
        reports.allSatisfy { $0.verdict == .verified } ? .verified : .failed
    }

    /// Recomputes every claim on the stored network and compares each result with the stored report.
    public func recheck() -> RecheckResult {
        var problems: [String] = []
        if claims.isEmpty {
            problems.append("the certificate makes no claims, so there is nothing to verify")
        }
        if claims.count != reports.count {
            problems.append("the certificate has \(claims.count) claims but \(reports.count) reports")
        }
        var entries: [RecheckResult.Entry] = []
        for (index, claim) in claims.enumerated() {
            let stored = index < reports.count ? reports[index] : nil
            var entry = RecheckResult.Entry(index: index, check: claim.kind, storedVerdict: stored?.verdict, recomputed: nil,
                                            error: nil, matchesStoredReport: false, differences: [])
            do {
                let recomputed = try claim.run(on: network)
                entry.recomputed = recomputed
                if let stored {
                    entry.differences = Self.differences(stored: stored, recomputed: recomputed)
                    if entry.differences.isEmpty && stored != recomputed {
                        entry.differences = ["the reports differ in the order of values or in approximations"]
                    }
                    entry.matchesStoredReport = entry.differences.isEmpty
                } else {
                    entry.differences = ["no stored report"]
                }
            } catch {
                entry.error = String(describing: error)
                entry.differences = ["the check could not run: \(error)"]
            }
            entries.append(entry)
        }
        return RecheckResult(entries: entries, problems: problems)
    }

    /// Field-by-field differences between a stored and a recomputed report.
    static func differences(stored: CheckReport, recomputed: CheckReport) -> [String] {
        var result: [String] = []
        if stored.check != recomputed.check { result.append("check: stored \(stored.check.rawValue), recomputed \(recomputed.check.rawValue)") }
        if stored.verdict != recomputed.verdict {
            result.append("verdict: stored \(stored.verdict.rawValue), recomputed \(recomputed.verdict.rawValue)")
        }
        if stored.summary != recomputed.summary { result.append("summary: stored \"\(stored.summary)\", recomputed \"\(recomputed.summary)\"") }
        if stored.failure != recomputed.failure {
            result.append("failure: stored \(stored.failure?.invariant ?? "none"), recomputed \(recomputed.failure?.invariant ?? "none")")
        }
        func compare(_ a: [ReportValue], _ b: [ReportValue], _ what: String) {
            for value in a {
                guard let other = b.first(where: { $0.name == value.name }) else {
                    result.append("\(what) \"\(value.name)\": stored but not recomputed")
                    continue
                }
                if other != value {
                    let shown = { (v: ReportValue) in v.exact.count == 1 ? v.exact[0] : "[\(v.exact.count) entries]" }
                    result.append("\(what) \"\(value.name)\": stored \(shown(value)), recomputed \(shown(other))")
                }
            }
            for value in b where !a.contains(where: { $0.name == value.name }) {
                result.append("\(what) \"\(value.name)\": recomputed but not stored")
            }
        }
        compare(stored.inputs, recomputed.inputs, "input")
        compare(stored.values, recomputed.values, "value")
        if stored.notes != recomputed.notes { result.append("notes differ") }
        return result
    }
}
