import Foundation
import Rationals

/// A self-contained certificate: an exact network, claims about it (checks with their parameters) and
/// the reports those checks produced. Serialises to JSON with every rational as a string "p/q".
///
/// `recheck()` is the `verify` entry point: it recomputes every claim from the file alone and compares
/// the result with the stored report, never trusting a stored verdict or value.
public struct Certificate: Sendable, Equatable {
    /// The JSON format version written by this library.
    public static let currentFormatVersion = 2
    /// The versions this library reads (version 1 did not state its kind; it is inferred, and the
    /// claim list is then enforced as for version 2).
    public static let readableFormatVersions = 1...2

    /// Free text carried along.
    public var description: String?
    /// What the certificate is about; fixes the list of claims it must make.
    public var kind: CertificateKind
    /// The network the claims are about.
    public var network: ExactNetwork
    public var claims: [Claim]
    /// One report per claim, in order (as computed at issue time, or as read from a file).
    public var reports: [CheckReport]

    /// Issues a certificate: runs every claim on the network and stores the reports.
    /// - Parameters:
    ///   - kind: what the certificate is about; nil infers it from the claims (a lone path audit is a
    ///     path audit, anything else the network checks). `recheck()` refuses a claim list that is not
    ///     exactly the one the kind requires.
    ///   - network: the network the claims are about.
    ///   - claims: the claims, in order.
    ///   - description: free text, carried along and never certified.
    /// - Throws: the first error of a check that cannot run (bad shapes, refused nonlinearity, ...).
    public init(kind: CertificateKind? = nil, network: ExactNetwork, claims: [Claim], description: String? = nil) throws {
        self.description = description
        self.kind = kind ?? CertificateKind.inferred(from: claims)
        self.network = network
        self.claims = claims
        self.reports = try claims.map { try $0.run(on: network) }
    }

    /// A certificate with the given stored reports, as read from a file (nothing is checked).
    public init(kind: CertificateKind? = nil, network: ExactNetwork, claims: [Claim], reports: [CheckReport], description: String? = nil) {
        self.description = description
        self.kind = kind ?? CertificateKind.inferred(from: claims)
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
        problems += claimSetProblems()
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

    /// The certificate fixes its own claims: the list of check kinds must be exactly the one its kind
    /// requires for this network, every claim must use the same cost, a path audit's network must
    /// carry J alone (fields no claim reads would otherwise ride along unchecked), and an orbit
    /// comparison's claim must carry the compared network B.
    func claimSetProblems() -> [String] {
        var problems: [String] = []
        let costs = claims.compactMap(\.cost)
        if let first = costs.first, costs.contains(where: { $0 != first }) {
            problems.append("the claims use different cost models; a \(kind.rawValue) certificate states one cost")
        }
        do {
            let cost = try costs.first ?? ExactCostModel()
            let required = try kind.requiredClaims(for: network, cost: cost)
            let made = claims.map(\.kind)
            // The input-output claim may be repeated, one per trial of a multi-trial file.
            let trialClaims = made.prefix { $0 == .inputOutputInvariance }.count
            let pattern = trialClaims > 1 ? [CheckKind.inputOutputInvariance] + made.dropFirst(trialClaims) : made
            if pattern != required {
                problems.append("a \(kind.rawValue) certificate of this network must make exactly the claims [\(required.map(\.rawValue).joined(separator: ", "))] in this order (the first once per trial); this one makes [\(made.map(\.rawValue).joined(separator: ", "))]")
            }
            if trialClaims > 1 {
                // One transform for every trial: the same d (and, for an orbit comparison, the same B).
                let checks = claims.prefix(trialClaims).compactMap { claim -> InputOutputInvarianceCheck? in
                    if case let .inputOutputInvariance(check) = claim { return check } else { return nil }
                }
                if let k = checks.firstIndex(where: { $0.scales != checks[0].scales || $0.transformedNetwork != checks[0].transformedNetwork }) {
                    problems.append("claims[\(k)] is the input-output claim of another trial but states a different transform (d or the transformed network) than claims[0]; every trial's claim must state the same one")
                }
            }
            if kind == .networkChecks { problems += transformBindingProblems() }
        } catch {
            problems.append("the claim list cannot be derived: \(error)")
        }
        if kind == .orbitComparison, case let .inputOutputInvariance(check)? = claims.first, check.transformedNetwork == nil {
            problems.append("an orbit_comparison certificate is about a given network B = D^-1 A D, so its claim must carry the transformed network")
        }
        if kind == .pathAudit {
            var unread: [String] = []
            if network.inputCount != 0 { unread.append("W_in has \(network.inputCount) columns") }
            if network.outputCount != 0 { unread.append("W_out has \(network.outputCount) rows") }
            if let i = network.bias.firstIndex(where: { !$0.isZero }) { unread.append("b[\(i)] = \(network.bias[i])") }
            if network.timeStepOverTimeConstant != Rational(1) { unread.append("dt/tau = \(network.timeStepOverTimeConstant)") }
            if network.nonlinearity != .linear { unread.append("nonlinearity \(network.nonlinearity.name)") }
            if !unread.isEmpty {
                problems.append("a path_audit certificate is about J alone, so its network must have no W_in, no W_out, b = 0, dt/tau = 1 and nonlinearity linear (fields no claim re-checks); this one has \(unread.joined(separator: ", "))")
            }
        }
        return problems
    }

    /// The claims of a network-checks certificate speak about one transform d: the input-output
    /// claims and the Lax claim state the same d, and the balance claim certifies the network that d
    /// makes (W_in -> D^-1 W_in and W_out -> W_out D depend on d itself, not only on d up to a factor,
    /// so the d's must be equal). The one exception is a balance claim at d = 1 (the network is already
    /// balanced), where the invariance claims use another d so that they are not trivial.
    func transformBindingProblems() -> [String] {
        var problems: [String] = []
        var transform: (index: Int, scales: [Rational])?
        for (index, claim) in claims.enumerated() {
            guard case let .inputOutputInvariance(check) = claim else { continue }
            if transform == nil { transform = (index, check.scales) }
        }
        guard let transform else { return problems }
        for (index, claim) in claims.enumerated() {
            switch claim {
            case let .laxStructure(check):
                if case let .scales(d) = check.transformed, d != transform.scales {
                    problems.append("claims[\(index)] (Lax structure) states a different d than claims[\(transform.index)] (input-output invariance); both must be about the same transform")
                } else if case .weights = check.transformed {
                    problems.append("claims[\(index)] (Lax structure) compares with given weights instead of the transform by d of claims[\(transform.index)]; a network-checks certificate states the transform as scales")
                }
            case let .balanceCertificate(check):
                if check.scales != transform.scales && !check.scales.allSatisfy({ $0 == Rational(1) }) {
                    problems.append("claims[\(index)] (balance certificate) certifies d different from the d of the input-output claim claims[\(transform.index)]; the balanced network must be the one whose invariance is proved (or d = 1, an already balanced network)")
                }
            default:
                break
            }
        }
        return problems
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
