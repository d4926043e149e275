import Foundation

/// JSON form: {"format": "swift-synaptic-balancing certificate", "version": 2, "kind": "network_checks",
/// "description": ..., "network": {...}, "claims": [...], "reports": [...]}. Every field is required
/// except the free-text description (version 1, without "kind", is still read: the kind is inferred).
extension Certificate: Codable {
    static let formatName = "swift-synaptic-balancing certificate"

    private enum CodingKeys: String, CodingKey { case format, version, kind, description, network, claims, reports }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let network = try container.decode(ExactNetwork.self, forKey: .network)
        let claims = try container.decode([Claim].self, forKey: .claims)
        let reports = try container.decode([CheckReport].self, forKey: .reports)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw VerificationError.malformedCertificate("format is \"\(format)\", expected \"\(Self.formatName)\"")
        }
        let version = try container.decode(Int.self, forKey: .version)
        guard Self.readableFormatVersions.contains(version) else {
            throw VerificationError.malformedCertificate("version \(version) is not supported (this library reads versions \(Self.readableFormatVersions.lowerBound)...\(Self.readableFormatVersions.upperBound))")
        }
        let kind: CertificateKind
        if version == 1 {
            guard !container.contains(.kind) else { throw VerificationError.malformedCertificate("a version 1 certificate has no \"kind\"") }
            kind = CertificateKind.inferred(from: claims)
        } else {
            let name = try container.decode(String.self, forKey: .kind)
            guard let known = CertificateKind(rawValue: name) else {
                throw VerificationError.malformedCertificate(
                    "unknown certificate kind \"\(name)\" (known: \(CertificateKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kind = known
        }
        self.init(kind: kind, network: network, claims: claims, reports: reports,
                  description: try container.decodeIfPresent(String.self, forKey: .description))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(Self.currentFormatVersion, forKey: .version)
        try container.encode(kind.rawValue, forKey: .kind)
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
