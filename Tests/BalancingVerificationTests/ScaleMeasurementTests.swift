import BalancingVerification
import Foundation
import Rationals
import Testing

/// How far the exact checks go in a time budget. Off by default; run with
/// `SBAL_VERIFICATION_SCALE=60 swift test -c release --filter ScaleMeasurement` (budget in seconds).
/// It prints a table and checks verdicts only (no timing assertions).
@Suite("Scale measurement (opt-in)", .enabled(if: ProcessInfo.processInfo.environment["SBAL_VERIFICATION_SCALE"] != nil))
struct ScaleMeasurementTests {
    static var budget: Double { Double(ProcessInfo.processInfo.environment["SBAL_VERIFICATION_SCALE"] ?? "") ?? 60 }

    static func seconds(_ body: () throws -> CheckReport) rethrows -> (Double, CheckReport) {
        let start = Date()
        let report = try body()
        return (Date().timeIntervalSince(start), report)
    }

    static func invariance(neurons n: Int, steps: Int) throws -> (Double, CheckReport) {
        let network = try TestNetworks.network(n, inputs: 3, outputs: 2, density: 0.5, seed: 25)
        let trial = TestNetworks.trial(steps: steps, inputs: 3, neurons: n, seed: 25)
        let check = InputOutputInvarianceCheck(scales: TestNetworks.scales(n, seed: 25), inputs: trial.inputs, initialState: trial.initialState)
        return try seconds { try check.run(on: network) }
    }

    @Test("input-output invariance: steps at N = 16, then N at T = 100")
    func inputOutput() throws {
        var steps = 100
        while true {
            let (t, report) = try Self.invariance(neurons: 16, steps: steps)
            #expect(report.verdict == .verified)
            print("I/O N=16 T=\(steps): \(String(format: "%.2f", t)) s, states up to \(report.value(named: "largest state entry size (bits)")!.exact[0]) bits")
            if t > Self.budget / 3 { break }
            steps *= 2
        }
        var n = 16
        while true {
            let (t, report) = try Self.invariance(neurons: n, steps: 100)
            #expect(report.verdict == .verified)
            print("I/O N=\(n) T=100: \(String(format: "%.2f", t)) s")
            if t > Self.budget / 3 { break }
            n *= 2
        }
    }

    @Test("Lax structure: N grows by 3/2")
    func lax() throws {
        var n = 16
        while true {
            let j = TestNetworks.weights(n, density: 0.9, seed: 37)
            let check = LaxStructureCheck(cost: TestNetworks.frobenius, transformed: .scales(TestNetworks.scales(n, seed: 37)))
            let (t, report) = try Self.seconds { try check.run(onWeights: j) }
            #expect(report.verdict == .verified)
            print("Lax N=\(n): \(String(format: "%.2f", t)) s, \(report.value(named: "independent cycle invariants (synapses - N + components)")!.exact[0]) cycle invariants")
            if t > Self.budget / 3 { break }
            n = n * 3 / 2
        }
    }
}
