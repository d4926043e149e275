import BalancingTesting
import BalancingVerification
import Rationals
import SynapticBalancing

// Replaying a failure. PropertyBased prints, for a failing property, the original and the shrunk input
// and a line "Add `.fixedSeed("<base64>")` to the Test to reproduce this issue."; each failing body also
// records the shrunk network as `synaptic-balancing-network` JSON (and writes it to
// $SBAL_PROPERTY_FAILURE_DIR/<property>.json when that is set). To replay, add the trait to the test,
// e.g. `@Test(.fixedSeed("3ecILNYZjr0i1oUWwthV1qsJMzqfN4NSlaxHPuDu2CA=")) func ...`, keep the same
// SBAL_PROPERTY_MAX_NEURONS (the generator depends on it), and run `swift test --filter <test>`: the
// property then runs that single case (SBAL_PROPERTY_COUNT is ignored) and shrinks it again. If the case
// passes, the trait itself records an issue (so it is not committed by accident); remove it afterwards.
// `sbal verify failing.json` checks the saved network.

/// Cases per property and network sizes, from SBAL_PROPERTY_COUNT / SBAL_PROPERTY_MAX_NEURONS.
let configuration = PropertyTestConfiguration.environment

/// Runs solver `index` of `SolverCatalog` on a generated network.
func runCatalogSolver(_ index: Int, on sample: GeneratedNetwork, recordPath: Bool = false,
                      recordWeights: Bool = false) throws
    -> (J: DenseMatrix, cost: CostModel, entry: SolverCatalog.Entry, result: BalancingResult) {
    let J = try sample.floatRecurrentWeights()
    let cost = try sample.costModel()
    var entry = try SolverCatalog.entry(index, for: J, cost: cost)
    entry.options.recordPath = recordPath
    entry.options.recordWeights = recordWeights
    let result = try balance(J, cost: cost, solver: entry.solver, options: entry.options)
    return (J, cost, entry, result)
}
