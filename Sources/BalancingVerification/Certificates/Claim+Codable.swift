/// JSON form: {"check": "<CheckKind raw value>", "parameters": {...the check's fields...}}.
extension Claim: Codable {
    private enum CodingKeys: String, CodingKey { case check, parameters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .check)
        guard let kind = CheckKind(rawValue: name) else {
            throw VerificationError.malformedCertificate(
                "unknown check \"\(name)\" (known: \(CheckKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        switch kind {
        case .inputOutputInvariance: self = .inputOutputInvariance(try container.decode(InputOutputInvarianceCheck.self, forKey: .parameters))
        case .laxStructure: self = .laxStructure(try container.decode(LaxStructureCheck.self, forKey: .parameters))
        case .monotoneDecrease: self = .monotoneDecrease(try container.decode(MonotoneDecreaseCheck.self, forKey: .parameters))
        case .balanceCertificate: self = .balanceCertificate(try container.decode(BalanceCertificateCheck.self, forKey: .parameters))
        case .floatPathAudit: self = .floatPathAudit(try container.decode(FloatPathAudit.self, forKey: .parameters))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .check)
        switch self {
        case let .inputOutputInvariance(check): try container.encode(check, forKey: .parameters)
        case let .laxStructure(check): try container.encode(check, forKey: .parameters)
        case let .monotoneDecrease(check): try container.encode(check, forKey: .parameters)
        case let .balanceCertificate(check): try container.encode(check, forKey: .parameters)
        case let .floatPathAudit(check): try container.encode(check, forKey: .parameters)
        }
    }
}
