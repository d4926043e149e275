import BalancingVerification
import Foundation
import Rationals
import Testing
import TestSupport

/// Walks the JSON tree of a verified certificate of every kind and changes one leaf at a time (and
/// drops one key at a time): every edit must be refused, either when the file is read or on re-check.
@Suite("Certificates hide nothing: every field is re-checked or refused")
struct CertificateTamperTests {
    static func networkChecks(givenTransform: Bool) throws -> Certificate {
        let network = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), inputWeights: Matrix([[1], [Rational(1, 2)]]),
                                       outputWeights: Matrix([[1, 2]]), bias: [Rational(1, 4), 0],
                                       timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .leakyReLU(slope: Rational(1, 4)))
        let d: [Rational] = [1, Rational(1, 2)]
        var claims = Claim.standardSet(for: network, cost: TestNetworks.frobenius, scales: d,
                                       trial: (inputs: [[1], [-1]], initialState: [0, 1]))
        if givenTransform {
            claims[0] = .inputOutputInvariance(InputOutputInvarianceCheck(scales: d, inputs: [[1], [-1]], initialState: [0, 1],
                                                                          transformedNetwork: try network.transformed(byScales: d)))
        }
        return try Certificate(kind: .networkChecks, network: network, claims: claims, description: "tamper test")
    }

    static func pathAudit() throws -> Certificate {
        let j = TestNetworks.reciprocalPair(4, 1)
        let network = try ExactNetwork(recurrentWeights: j, timeStepOverTimeConstant: 1, nonlinearity: .linear)
        let half: [Rational] = [1, Rational(1, 2)]
        let path = [
            AuditedPathPoint(time: 0, weights: j, scales: [1, 1], reportedCost: 17),
            AuditedPathPoint(time: Rational(1, 2), scales: [1, Rational(3, 4)], reportedCost: 11),
            AuditedPathPoint(time: 1, weights: j.diagonalSimilarity(half), scales: half, reportedCost: 8),
        ]
        let audit = FloatPathAudit(cost: TestNetworks.frobenius, path: path, relativeDriftBound: Rational(1, 100), invariantStride: 2)
        return try Certificate(kind: .pathAudit, network: network, claims: [.floatPathAudit(audit)], description: "tamper test")
    }

    static func orbitComparison() throws -> Certificate {
        let a = try ExactNetwork(recurrentWeights: TestNetworks.reciprocalPair(4, 1), inputWeights: Matrix([[1], [Rational(1, 2)]]),
                                 outputWeights: Matrix([[1, 2]]), bias: [Rational(1, 4), 0],
                                 timeStepOverTimeConstant: Rational(1, 10), nonlinearity: .leakyReLU(slope: Rational(1, 4)))
        let b = try a.transformed(byScales: [1, Rational(1, 3)])
        let comparison = try OrbitComparison(inputs: [[1], [-1]], initialState: [0, 1], cost: TestNetworks.frobenius)
        let report = try comparison.compare(a, b)
        return try comparison.certificate(a, b, report: report, description: "tamper test")
    }

    /// Every single-leaf edit and single-key removal of a JSON tree, with the path that was edited.
    static func edits(of value: Any, path: String = "") -> [(String, Any?)] {
        var result: [(String, Any?)] = []
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                var dropped = object
                dropped.removeValue(forKey: key)
                result.append(("\(path).\(key) dropped", dropped))
                for (subpath, edited) in edits(of: object[key]!, path: "\(path).\(key)") {
                    var copy = object
                    copy[key] = edited
                    result.append((subpath, copy))
                }
            }
        } else if let array = value as? [Any] {
            for index in array.indices {
                for (subpath, edited) in edits(of: array[index], path: "\(path)[\(index)]") {
                    var copy = array
                    copy[index] = edited!
                    result.append((subpath, copy))
                }
            }
        } else if let text = value as? String {
            // a rational becomes another rational (still readable), any other text another text
            let changed = Rational(text).map { ($0 + 1).description } ?? text + " (edited)"
            result.append(("\(path) = \(changed)", changed))
        } else if let number = value as? NSNumber {
            result.append(("\(path) = \(number.intValue + 1)", NSNumber(value: number.intValue + 1)))
        }
        return result
    }

    @Test("every edited leaf and dropped key of every certificate kind is refused",
          arguments: ["network_checks", "network_checks with a given transform", "path_audit", "orbit_comparison"])
    func everyFieldIsChecked(kind: String) throws {
        let certificate = kind == "path_audit" ? try Self.pathAudit()
            : kind == "orbit_comparison" ? try Self.orbitComparison()
            : try Self.networkChecks(givenTransform: kind != "network_checks")
        #expect(certificate.recheck().verdict == .verified, "\(certificate.recheck().summary)")
        let tree = try JSONSerialization.jsonObject(with: try certificate.jsonData())
        var accepted: [String] = []
        var count = 0
        for (path, edited) in Self.edits(of: tree) where !path.hasPrefix(".description") {
            count += 1
            let data = try JSONSerialization.data(withJSONObject: edited!)
            guard let read = try? Certificate(jsonData: data) else { continue }   // refused when read
            if read.recheck().verdict == .verified { accepted.append(path) }
        }
        #expect(count > 50)
        #expect(accepted.isEmpty, "edits that still verify: \(accepted)")
    }

    @Test("a version 1 certificate (no kind) is still read, its kind inferred and its claim list enforced")
    func versionOneIsRead() throws {
        var tree = try JSONSerialization.jsonObject(with: try Self.networkChecks(givenTransform: false).jsonData()) as! [String: Any]
        tree["version"] = 1
        tree.removeValue(forKey: "kind")
        let read = try Certificate(jsonData: try JSONSerialization.data(withJSONObject: tree))
        #expect(read.kind == .networkChecks)
        #expect(read.recheck().verdict == .verified)
        var claims = tree["claims"] as! [Any], reports = tree["reports"] as! [Any]
        claims.removeLast()
        reports.removeLast()
        tree["claims"] = claims
        tree["reports"] = reports
        #expect(try Certificate(jsonData: try JSONSerialization.data(withJSONObject: tree)).recheck().verdict == .failed)
    }
}
