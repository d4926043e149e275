import BalancingVerification
import Rationals
import SynapticBalancing

/// Checks how a solver treats an optimum at infinity (docs/math.md: the finite minimiser exists iff every
/// synapse lies on a directed cycle): the reported `unboundedSynapses` are exactly the synapses on no
/// cycle per `UnboundedSynapseOracle` (computed on the exact costs), and nothing in the result is NaN/Inf.
public enum UnboundedOptimumChecker {
    /// Throws `PropertyViolation` if the reported synapses differ from the oracle's, or any number of
    /// `result` (h, balanced weights, costs, relative imbalance, path) is not finite.
    public static func check(_ J: DenseMatrix, cost: CostModel, result: BalancingResult) throws {
        try check(J, cost: cost, reportedUnboundedSynapses: result.unboundedSynapses)
        var numbers: [(String, Double)] = [("initialCost", result.initialCost), ("finalCost", result.finalCost),
                                           ("relativeImbalance", result.relativeImbalance), ("infimumCost", result.infimumCost)]
        numbers += result.logScales.enumerated().map { ("logScales[\($0.offset)]", $0.element) }
        numbers += result.balancedWeights.elements.enumerated().map { ("balancedWeights[\($0.offset)]", $0.element) }
        for (k, point) in result.path.enumerated() {
            numbers.append(("path[\(k)].cost", point.cost))
            numbers.append(("path[\(k)].imbalanceNorm", point.imbalanceNorm))
            numbers += point.logScales.enumerated().map { ("path[\(k)].logScales[\($0.offset)]", $0.element) }
        }
        if let bad = numbers.first(where: { !$0.1.isFinite }) {
            throw PropertyViolation(property: "balancing never produces NaN or Inf", message: "\(bad.0) = \(bad.1)")
        }
    }

    /// Your own implementation: `reported` must equal the synapses on no directed cycle (as a set).
    public static func check(_ J: DenseMatrix, cost: CostModel, reportedUnboundedSynapses reported: [SynapseIndex]) throws {
        let c = try ExactCostModel(cost).costs(of: try ExactConversion.matrix(J, field: "J"))
        let oracle = UnboundedSynapseOracle.synapsesOnNoCycle(costs: c)
        if Set(oracle) != Set(reported) || oracle.count != reported.count {
            func show(_ s: [SynapseIndex]) -> String { s.sorted().map { "\($0.pre)->\($0.post)" }.joined(separator: ", ") }
            throw PropertyViolation(
                property: "the synapses reported unbounded are exactly those on no directed cycle",
                message: "reported [\(show(reported))], oracle [\(show(oracle))]")
        }
    }
}
