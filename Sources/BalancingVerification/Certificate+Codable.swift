import Foundation

/// JSON form: {"format": "swift-synaptic-balancing certificate", "version": 1, "description": ...,
/// "network": {...}, "claims": [...], "reports": [...]}.
extension Certificate: Codable {
    static let formatName = "swift-synaptic-balancing certificate"

    private enum CodingKeys: String, CodingKey { case format, version, description, network, claims, reports }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decodeIfPresent(String.self, forKey: .format)
        guard format == nil || format == Self.formatName else {
            throw VerificationError.malformedCertificate("format is \"\(format!)\", expected \"\(Self.formatName)\"")
        }
        let version = try container.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentFormatVersion
        guard version == Self.currentFormatVersion else {
            throw VerificationError.malformedCertificate("version \(version) is not supported (this library reads version \(Self.currentFormatVersion))")
        }
        self.init(network: try container.decode(ExactNetwork.self, forKey: .network),
                  claims: try container.decode([Claim].self, forKey: .claims),
                  reports: try container.decodeIfPresent([CheckReport].self, forKey: .reports) ?? [],
                  description: try container.decodeIfPresent(String.self, forKey: .description))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(Self.currentFormatVersion, forKey: .version)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(network, forKey: .network)
        try container.encode(claims, forKey: .claims)
        try container.encode(reports, forKey: .reports)
    }

    /// Pretty-printed JSON with sorted keys (deterministic output).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a certificate from JSON; errors name the field at fault.
    /// - Throws: `VerificationError.malformedCertificate` (or the shape / parameter error of a field).
    public init(jsonData: Data) throws {
        do {
            self = try JSONDecoder().decode(Certificate.self, from: jsonData)
        } catch let error as DecodingError {
            throw VerificationError.malformedCertificate(Self.describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context): return "missing field \"\(key.stringValue)\" at \(path(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
