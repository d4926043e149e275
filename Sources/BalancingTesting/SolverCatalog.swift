import SynapticBalancing

/// The solvers of `SynapticBalancing` exercised by the properties, with options suited to each: Newton and
/// Osborne to 1e-10; Dormand-Prince to 1e-8; fixed-step Euler / RK4 flows with a step inside the stability
/// limit (`stableFlowStep`) and an iteration cap (they may stop unconverged; their report is still checked).
public enum SolverCatalog {
    /// A solver with the options to run it with.
    public struct Entry: Sendable {
        public var solver: BalancingSolver
        public var options: BalancingOptions
        /// A short name for messages.
        public var name: String
    }

    /// The number of entries (`entry(_:for:)` takes 0 ..< count).
    public static let count = 8

    /// Entry `index` (0 ..< `count`) for J under `cost`.
    public static func entry(_ index: Int, for J: DenseMatrix, cost: CostModel, maxIterations: Int = 4000) throws -> Entry {
        let step = try stableFlowStep(J, cost: cost)
        var options = BalancingOptions(tolerance: 1e-10, maxIterations: 10_000)
        var flowOptions = BalancingOptions(tolerance: 1e-8, maxIterations: maxIterations)
        flowOptions.maxTime = .infinity
        switch index {
        case 0: return Entry(solver: .newton, options: options, name: "newton")
        case 1: return Entry(solver: .osborneCyclic, options: options, name: "osborne-cyclic")
        case 2: return Entry(solver: .osborneRandomized(seed: 7), options: options, name: "osborne-randomized")
        case 3: return Entry(solver: .flow(.dormandPrince(relativeTolerance: 1e-6), .logScalesOnly), options: flowOptions, name: "dopri-h")
        case 4: return Entry(solver: .flow(.rungeKutta4(step: step), .logScalesOnly), options: flowOptions, name: "rk4-h")
        case 5: return Entry(solver: .flow(.euler(step: step), .logScalesOnly), options: flowOptions, name: "euler-h")
        case 6: return Entry(solver: .flow(.rungeKutta4(step: step), .weightsAndLogScales), options: flowOptions, name: "rk4-jh")
        default:
            options.tolerance = 1e-8
            return Entry(solver: .flow(.euler(step: step), .weightsAndLogScales), options: flowOptions, name: "euler-jh")
        }
    }

    /// A flow step inside the stability limit: 1 / (4 p max_i w_i), w_i = sum_{j != i} (c_ij + c_ji), since
    /// the Hessian of C(h) is p^2 L with lambda_max(L) <= 2 max_i w_i (Gershgorin) and dh/dt = g = -grad C / p.
    /// 1 when J has no synapse.
    public static func stableFlowStep(_ J: DenseMatrix, cost: CostModel) throws -> Double {
        let m = try CostLaplacian(weights: J, cost: cost).gershgorinBound  // M = 2 max_i w_i
        return m > 0 ? 1 / (2 * cost.exponent * m) : 1
    }
}
