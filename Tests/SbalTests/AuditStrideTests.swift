import Testing
@testable import SbalCommands
import TestSupport

/// `audit --stride k` samples only the invariants: the cost is audited at every point, so an increase
/// between sampled points is still found (issue: stride 2 once reported "non-increasing").
@Suite("audit --stride never hides a cost increase")
struct AuditStrideTests {
    @Test("an Euler step too large for the cost to decrease fails with --stride 2 as with --stride 1")
    func strideKeepsEveryCostPoint() {
        for stride in ["1", "2"] {
            let run = sbal("audit", repositoryRoot + "/Examples/two-neuron.json", "--integrator", "euler", "--form", "h",
                           "--step", "0.4", "--steps", "2", "--stride", stride)
            #expect(run.code == 1, "--stride \(stride):\n\(run.output)")
            #expect(run.output.contains("exact cost non-increasing (point 0 -> 1)"))
        }
    }

    @Test("a sampled audit says which points the invariants were measured at")
    func samplingIsStated() {
        let run = sbal("audit", repositoryRoot + "/Examples/reciprocal-pair.json", "--integrator", "euler", "--form", "jh",
                       "--step", "0.02", "--steps", "20", "--stride", "5")
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("non-increasing over all 21 points"))
        #expect(run.output.contains("invariants measured at 5 of the 21 points with weights: every 5-th and the last"))
    }
}
