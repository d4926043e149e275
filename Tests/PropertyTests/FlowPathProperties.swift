import BalancingTesting
import PropertyBased
import SynapticBalancing
import Testing

/// Float flow paths audited exactly: cost non-increasing along the h-only integrators, Lax invariants
/// drifting within the integrator's bound (first order for Euler on (J, h), rounding only for h-only).
@Suite(.shrinking) struct FlowPathProperties {
    /// rk4-h (4) and euler-h (5) of `SolverCatalog`, 150 steps at most.
    @Test(arguments: [4, 5]) func exactCostNeverIncreasesAlongHOnlyFlows(solverIndex: Int) async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6), input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "cost non-increasing, solver \(solverIndex)") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                var entry = try SolverCatalog.entry(solverIndex, for: J, cost: cost, maxIterations: 150)
                entry.options.recordPath = true
                let result = try balance(J, cost: cost, solver: entry.solver, options: entry.options)
                try FlowPathChecker.checkCostNonIncreasing(J, cost: cost, path: result.path)
            }
        }
    }

    @Test func eulerWeightFlowDriftsWithinItsFirstOrderBound() async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6), input: NetworkGenerators.networksWithFiniteOptimum()) { sample in
            FailureReporting.expectProperty(sample, "Euler (J, h) invariant drift") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                // a quarter of the stable step keeps every |dt (g_j - g_i)| <= 1/2, where the bound applies
                let step = try SolverCatalog.stableFlowStep(J, cost: cost) / 4
                var options = BalancingOptions(tolerance: 1e-8, maxIterations: 150, recordPath: true, recordWeights: true)
                options.unboundedPolicy = .balanceFinitePart
                let result = try balance(J, cost: cost, solver: .flow(.euler(step: step), .weightsAndLogScales), options: options)
                try FlowPathChecker.checkInvariantDrift(J, cost: cost, path: result.path, form: .eulerWeights(step: step))
            }
        }
    }

    @Test func hOnlyFlowKeepsInvariantsToRounding() async {
        await propertyCheck(count: configuration.count(scaledBy: 0.6), input: NetworkGenerators.networks()) { sample in
            FailureReporting.expectProperty(sample, "h-only invariant drift") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let step = try SolverCatalog.stableFlowStep(J, cost: cost)
                let options = BalancingOptions(tolerance: 1e-8, maxIterations: 100, recordPath: true, recordWeights: true)
                let result = try balance(J, cost: cost, solver: .flow(.rungeKutta4(step: step), .logScalesOnly), options: options)
                try FlowPathChecker.checkInvariantDrift(J, cost: cost, path: result.path, form: .logScalesOnly)
            }
        }
    }
}

/// The (J, h) integrators of higher order: the final drift of the cycle ratios falls by 2^order when the
/// step is halved (up to a factor 2 and rounding), checked exactly on each generated network.
@Suite(.shrinking) struct FlowOrderProperties {
    static func path(_ J: DenseMatrix, _ cost: CostModel, _ integrator: FlowIntegrator, steps: Int) throws -> [PathPoint] {
        var options = BalancingOptions(tolerance: 0, maxIterations: steps, recordPath: true, recordWeights: true)
        options.unboundedPolicy = .balanceFinitePart
        return try balance(J, cost: cost, solver: .flow(integrator, .weightsAndLogScales), options: options).path
    }

    @Test(arguments: [(1, "euler"), (4, "rk4")])
    func weightFlowDriftFollowsTheIntegratorsOrder(order: Int, name: String) async {
        await propertyCheck(count: configuration.count(scaledBy: 0.4), input: NetworkGenerators.networksWithFiniteOptimum()) { sample in
            FailureReporting.expectProperty(sample, "\(name) (J, h) order \(order)") { sample in
                let J = try sample.floatRecurrentWeights()
                let cost = try sample.costModel()
                let step = try SolverCatalog.stableFlowStep(J, cost: cost) / 4
                try FlowPathChecker.checkConvergenceOrder(J, cost: cost, order: order, step: step, steps: 12) { s, k in
                    try Self.path(J, cost, order == 1 ? .euler(step: s) : .rungeKutta4(step: s), steps: k)
                }
            }
        }
    }

    @Test func theOrderCheckRejectsEulerClaimedAsFourthOrder() throws {
        // reciprocal pair with costs 1/4 and 4 (Fig 3): far from balance, so Euler's drift is well above rounding
        let J = try DenseMatrix([[0, 0.5], [2, 0]])
        let cost = try CostModel(exponent: 2)
        let step = try SolverCatalog.stableFlowStep(J, cost: cost) / 4
        #expect(throws: PropertyViolation.self) {
            try FlowPathChecker.checkConvergenceOrder(J, cost: cost, order: 4, step: step, steps: 12) { s, k in
                try FlowOrderProperties.path(J, cost, .euler(step: s), steps: k)
            }
        }
        try FlowPathChecker.checkConvergenceOrder(J, cost: cost, order: 4, step: step, steps: 12) { s, k in
            try FlowOrderProperties.path(J, cost, .rungeKutta4(step: s), steps: k)
        }
    }
}
