import Rationals

/// JSON form: {"scales": ["p/q", ...]} or {"weights": {"rows", "columns", "values"}}.
extension OrbitPoint: Codable {
    private enum CodingKeys: String, CodingKey { case scales, weights }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let d = try container.decodeIfPresent([Rational].self, forKey: .scales) {
            self = .scales(d)
        } else if let m = try container.decodeRationalMatrixIfPresent(forKey: .weights) {
            self = .weights(m)
        } else {
            throw VerificationError.malformedCertificate("an orbit point needs \"scales\" or \"weights\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .scales(d): try container.encode(d, forKey: .scales)
        case let .weights(m): try container.encodeRationalMatrix(m, forKey: .weights)
        }
    }
}
