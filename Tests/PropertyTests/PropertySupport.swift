import BalancingTesting
import BalancingVerification
import Rationals
import SynapticBalancing

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
