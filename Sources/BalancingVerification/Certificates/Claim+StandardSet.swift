import Rationals

extension Claim {
    /// The usual claims about a network and scales d (e.g. a solver's balanced point):
    /// - input-output invariance on the given trial (only when phi is positively homogeneous and a
    ///   trial is given; for other units the claim would be refused),
    /// - the Lax structure with J~ = D^-1 J D,
    /// - monotone decrease at the original network (d = 1),
    /// - the balance certificate at d (exact balance, or |g| <= tol C when a tolerance is given).
    public static func standardSet(
        for network: ExactNetwork, cost: ExactCostModel, scales: [Rational],
        trial: (inputs: [[Rational]], initialState: [Rational])? = nil, balanceTolerance: Rational? = nil
    ) -> [Claim] {
        var claims: [Claim] = []
        if let trial, network.nonlinearity.isPositivelyHomogeneous {
            claims.append(.inputOutputInvariance(InputOutputInvarianceCheck(scales: scales, inputs: trial.inputs, initialState: trial.initialState)))
        }
        claims.append(.laxStructure(LaxStructureCheck(cost: cost, transformed: .scales(scales))))
        claims.append(.monotoneDecrease(MonotoneDecreaseCheck(cost: cost)))
        claims.append(.balanceCertificate(BalanceCertificateCheck(cost: cost, scales: scales, relativeTolerance: balanceTolerance)))
        return claims
    }
}
