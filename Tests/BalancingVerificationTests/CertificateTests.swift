import BalancingVerification
import Foundation
import Rationals
import Testing
import TestSupport

@Suite("Certificates: JSON round trip and recheck")
struct CertificateTests {
    /// A certificate with one claim of every kind about a small network.
    static func certificate() throws -> Certificate {
        let network = try TestNetworks.network(4, density: 0.8, nonlinearity: .leakyReLU(slope: Rational(1, 4)), seed: 71)
        let j = network.recurrentWeights
        let d = TestNetworks.scales(4, seed: 71)
        let trial = TestNetworks.trial(steps: 8, inputs: 2, neurons: 4, seed: 71)
        let path = [AuditedPathPoint(time: 0, weights: j), AuditedPathPoint(time: 1, scales: d)]
        return try Certificate(network: network, claims: [
            .inputOutputInvariance(InputOutputInvarianceCheck(scales: d, inputs: trial.inputs, initialState: trial.initialState)),
            .laxStructure(LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(d))),
            .monotoneDecrease(MonotoneDecreaseCheck(cost: TestNetworks.frobenius, stepFamily: .signed)),
            .balanceCertificate(BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: d, relativeTolerance: 10)),
            .floatPathAudit(FloatPathAudit(cost: TestNetworks.frobenius, path: path,
                                           schemeComparison: ExactSchemeComparison(stepSize: Rational(1, 256), steps: 2))),
        ], description: "test certificate")
    }

    /// The certificate's JSON as a mutable object tree.
    static func jsonObject(_ certificate: Certificate) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try certificate.jsonData()) as! [String: Any]
    }

    static func certificate(from object: [String: Any]) throws -> Certificate {
        try Certificate(jsonData: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("JSON round trip gives the same certificate, and recheck reproduces every report")
    func roundTrip() throws {
        let original = try Self.certificate()
        let data = try original.jsonData()
        let back = try Certificate(jsonData: data)
        #expect(back == original)
        #expect(try back.jsonData() == data)   // deterministic output
        let result = back.recheck()
        // Every report is reproduced; the mixed claim list itself is refused (it is no certificate kind).
        let allReproduced = result.entries.allSatisfy { $0.matchesStoredReport }
        #expect(allReproduced, "\(result.summary)")
        #expect(result.problems.count == 1 && result.problems[0].contains("must make exactly the claims"))
        #expect(result.entries.count == 5)
        // Whatever the claims' verdicts, recheck agrees with the stored ones.
        for (entry, report) in zip(result.entries, original.reports) { #expect(entry.recomputed?.verdict == report.verdict) }
    }

    @Test("a certificate of verified claims rechecks as verified")
    func verifiedCertificate() throws {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        let certificate = try Certificate(network: network, claims: [
            .balanceCertificate(BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, Rational(1, 2)])),
            .laxStructure(LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales([1, Rational(1, 2)]))),
        ])
        #expect(certificate.storedVerdict == .verified)
        let result = try Certificate(jsonData: try certificate.jsonData()).recheck()
        // Both claims verify, but a network_checks certificate without its other claims is refused.
        let claimsHold = result.entries.allSatisfy { $0.recomputed?.verdict == .verified && $0.matchesStoredReport }
        #expect(claimsHold)
        #expect(result.verdict == .failed)
    }

    @Test("a tampered verdict is caught")
    func tamperedVerdict() throws {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        // An honest certificate that the claim d = (1, 1) is NOT balanced ...
        let honest = try Certificate(network: network, claims: [.balanceCertificate(BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1]))])
        #expect(honest.reports[0].verdict == .failed)
        // ... edited to say "verified".
        var object = try Self.jsonObject(honest)
        var reports = object["reports"] as! [[String: Any]]
        reports[0]["verdict"] = "verified"
        object["reports"] = reports
        let tampered = try Self.certificate(from: object)
        #expect(tampered.storedVerdict == .verified)
        let result = tampered.recheck()
        #expect(!result.reproduced)
        #expect(result.verdict == .failed)
        #expect(result.entries[0].differences.contains("verdict: stored verified, recomputed failed"))
    }

    @Test("a tampered value is caught")
    func tamperedValue() throws {
        var object = try Self.jsonObject(try Self.certificate())
        var reports = object["reports"] as! [[String: Any]]
        var values = reports[3]["values"] as! [[String: Any]]
        let index = values.firstIndex { ($0["name"] as! String) == "cost C" }!
        values[index]["exact"] = ["12345/7"]
        reports[3]["values"] = values
        object["reports"] = reports
        let result = try Self.certificate(from: object).recheck()
        #expect(!result.reproduced)
        #expect(result.entries[3].differences.contains { $0.hasPrefix("value \"cost C\": stored 12345/7") })
        #expect(result.entries.enumerated().allSatisfy { $0.offset == 3 || $0.element.matchesStoredReport })
    }

    @Test("a tampered network weight is caught by every check that reads it")
    func tamperedNetwork() throws {
        var object = try Self.jsonObject(try Self.certificate())
        var network = object["network"] as! [String: Any]
        var weights = network["recurrentWeights"] as! [String: Any]
        var rows = weights["values"] as! [[String]]
        rows[0][1] = rows[0][1] == "1" ? "2" : "1"
        weights["values"] = rows
        network["recurrentWeights"] = weights
        object["network"] = network
        let result = try Self.certificate(from: object).recheck()
        #expect(!result.reproduced)
        #expect(result.verdict == .failed)
        #expect(!result.entries[1].matchesStoredReport)   // the Lax check stores g, which depends on J
    }

    @Test("a certificate without claims (e.g. with all claims and reports stripped) is not verified")
    func noClaims() throws {
        var object = try Self.jsonObject(try Self.certificate())
        object["claims"] = [[String: Any]]()
        object["reports"] = [[String: Any]]()
        let result = try Self.certificate(from: object).recheck()
        #expect(result.verdict == .failed)
        #expect(result.problems.first == "the certificate makes no claims, so there is nothing to verify")
    }

    @Test("a removed report and an unknown check are reported clearly")
    func malformed() throws {
        var object = try Self.jsonObject(try Self.certificate())
        var reports = object["reports"] as! [[String: Any]]
        reports.removeLast()
        object["reports"] = reports
        let result = try Self.certificate(from: object).recheck()
        #expect(result.problems.contains("the certificate has 5 claims but 4 reports"))
        #expect(result.verdict == .failed)

        var claims = object["claims"] as! [[String: Any]]
        claims[0]["check"] = "perpetual_motion"
        object["claims"] = claims
        #expect(throws: VerificationError.self) { try Self.certificate(from: object) }
        #expect(throws: VerificationError.malformedCertificate("missing field \"network\" at top level")) {
            try Certificate(jsonData: Data(#"{"claims": []}"#.utf8))
        }
    }
}

@Suite("Standard claim set")
struct StandardClaimSetTests {
    @Test("a balanced reciprocal pair: every standard claim verifies and survives a JSON round trip")
    func reciprocalPair() throws {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), inputWeights: Matrix([[1], [0]]),
                                       outputWeights: Matrix([[1, 1]]), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        let claims = Claim.standardSet(for: network, cost: TestNetworks.frobenius, scales: [1, Rational(1, 2)],
                                       trial: (inputs: [[1], [0], [-1]], initialState: [0, 1]))
        #expect(claims.map(\.kind) == [.inputOutputInvariance, .laxStructure, .monotoneDecrease, .balanceCertificate])
        let certificate = try Certificate(network: network, claims: claims)
        #expect(certificate.storedVerdict == .verified)
        #expect(try Certificate(jsonData: try certificate.jsonData()).recheck().verdict == .verified)
    }

    @Test("every claim is about one transform: a balance or Lax claim with another d than the invariance claim is refused")
    func claimsShareTheTransform() throws {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), inputWeights: Matrix([[1], [0]]),
                                       outputWeights: Matrix([[1, 1]]), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        let d: [Rational] = [1, Rational(1, 2)], other: [Rational] = [2, 1]
        let trial = (inputs: [[Rational(1)], [0], [-1]], initialState: [Rational(0), 1])
        func recheck(_ claims: [Claim]) throws -> RecheckResult {
            try Certificate(jsonData: try Certificate(kind: .networkChecks, network: network, claims: claims).jsonData()).recheck()
        }
        let standard = Claim.standardSet(for: network, cost: TestNetworks.frobenius, scales: d, trial: trial)
        #expect(try recheck(standard).verdict == .verified)
        // Every claim verifies on its own, but the balance claim certifies the network of another d
        // (d and 2d balance J alike, but W_in and W_out of the two networks differ).
        var balanceElsewhere = standard
        balanceElsewhere[3] = .balanceCertificate(BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: d.map { $0 * 2 }))
        let refused = try recheck(balanceElsewhere)
        #expect(refused.verdict == .failed)
        #expect(refused.problems.contains { $0.contains("claims[3] (balance certificate) certifies d different") }, "\(refused.problems)")
        var laxElsewhere = standard
        laxElsewhere[1] = .laxStructure(LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(other)))
        let laxRefused = try recheck(laxElsewhere)
        #expect(laxRefused.verdict == .failed)
        #expect(laxRefused.problems.contains { $0.contains("claims[1] (Lax structure) states a different d") }, "\(laxRefused.problems)")
        // d = 1 in the balance claim (an already balanced network) with invariance at another d is allowed.
        let balanced = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(2, 2), inputWeights: Matrix([[1], [0]]),
                                        outputWeights: Matrix([[1, 1]]), timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        var atOne = Claim.standardSet(for: balanced, cost: TestNetworks.frobenius, scales: [1, 2], trial: trial)
        atOne[3] = .balanceCertificate(BalanceCertificateCheck(cost: TestNetworks.frobenius, scales: [1, 1]))
        let accepted = try Certificate(jsonData: try Certificate(kind: .networkChecks, network: balanced, claims: atOne).jsonData()).recheck()
        #expect(accepted.problems.isEmpty, "\(accepted.problems)")
        #expect(accepted.verdict == .verified)
    }

    @Test("a tanh network gets no invariance claim")
    func tanhNetwork() throws {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), timeStepOverTimeConstant: Rational(1, 10),
                                       nonlinearity: .nonHomogeneous(name: "tanh"))
        let claims = Claim.standardSet(for: network, cost: TestNetworks.frobenius, scales: [1, 1], trial: (inputs: [], initialState: [0, 0]))
        #expect(!claims.contains { $0.kind == .inputOutputInvariance })
    }
}

@Suite("ExactNetwork: no vacuous networks")
struct EmptyExactNetworkTests {
    @Test("a network without neurons is refused, so no certificate can verify it vacuously")
    func zeroNeuronsAreRefused() {
        #expect(throws: VerificationError.self) {
            try ExactNetwork(recurrentWeights: Matrix(rows: 0, columns: 0, repeating: Rational(0)),
                             timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .relu)
        }
    }
}
