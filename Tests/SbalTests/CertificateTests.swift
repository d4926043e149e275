import Foundation
import Testing
@testable import SbalCommands
import TestSupport

/// CI re-checks every certificate in proofs/ (the directory is listed, so new certificates are covered).
@Suite("certificates in proofs/")
struct CertificateTests {
    static var certificates: [String] {
        let directory = repositoryRoot + "/proofs/certificates"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
    }

    @Test("proofs/certificates holds the toy networks' certificates")
    func present() {
        let names = Self.certificates.map { URL(fileURLWithPath: $0).lastPathComponent }
        for expected in ["two-neuron.json", "one-synapse.json", "reciprocal-pair.json", "ring12.json"] {
            #expect(names.contains(expected), "missing proofs/certificates/\(expected)")
        }
    }

    @Test("every certificate in proofs/certificates is re-checked and verified", arguments: certificates)
    func recheck(path: String) {
        let run = sbal("verify", path)
        #expect(run.code == 0, "\(path):\n\(run.output)\(run.error)")
        #expect(run.output.contains("certificate verified"))
    }
}
