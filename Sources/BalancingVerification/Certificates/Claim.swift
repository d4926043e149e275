/// One claim of a certificate: a check together with its parameters. Running it on the certificate's
/// network recomputes its report from scratch.
public enum Claim: Sendable, Equatable {
    case inputOutputInvariance(InputOutputInvarianceCheck)
    case laxStructure(LaxStructureCheck)
    case monotoneDecrease(MonotoneDecreaseCheck)
    case balanceCertificate(BalanceCertificateCheck)
    case floatPathAudit(FloatPathAudit)

    /// Which check the claim runs.
    public var kind: CheckKind {
        switch self {
        case .inputOutputInvariance: .inputOutputInvariance
        case .laxStructure: .laxStructure
        case .monotoneDecrease: .monotoneDecrease
        case .balanceCertificate: .balanceCertificate
        case .floatPathAudit: .floatPathAudit
        }
    }

    /// The cost model the claim measures with (nil for input-output invariance, which has none).
    public var cost: ExactCostModel? {
        switch self {
        case .inputOutputInvariance: nil
        case let .laxStructure(check): check.cost
        case let .monotoneDecrease(check): check.cost
        case let .balanceCertificate(check): check.cost
        case let .floatPathAudit(check): check.cost
        }
    }

    /// Runs the check on the network (always recomputed; nothing stored is trusted).
    public func run(on network: ExactNetwork) throws -> CheckReport {
        switch self {
        case let .inputOutputInvariance(check): try check.run(on: network)
        case let .laxStructure(check): try check.run(on: network)
        case let .monotoneDecrease(check): try check.run(on: network)
        case let .balanceCertificate(check): try check.run(on: network)
        case let .floatPathAudit(check): try check.run(on: network)
        }
    }
}
