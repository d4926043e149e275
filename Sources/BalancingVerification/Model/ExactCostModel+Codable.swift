import Rationals

/// JSON form: {"exponent": 2, "weighting": "uniform"} or {"exponent": 2, "presynaptic": ["1/2", ...]}
/// or {"exponent": 2, "full": {"rows", "columns", "values"}}.
extension ExactCostModel: Codable {
    private enum CodingKeys: String, CodingKey { case exponent, weighting, presynaptic, full }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let exponent = try container.decode(Int.self, forKey: .exponent)
        if let r = try container.decodeIfPresent([Rational].self, forKey: .presynaptic) {
            try self.init(exponent: exponent, weighting: .presynaptic(r))
        } else if let alpha = try container.decodeRationalMatrixIfPresent(forKey: .full) {
            try self.init(exponent: exponent, weighting: .full(alpha))
        } else {
            let kind = try container.decode(String.self, forKey: .weighting)
            guard kind == "uniform" else {
                throw VerificationError.malformedCertificate("cost weighting \"\(kind)\" is unknown (uniform, or a presynaptic / full field)")
            }
            try self.init(exponent: exponent, weighting: .uniform)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exponent, forKey: .exponent)
        switch weighting {
        case .uniform: try container.encode("uniform", forKey: .weighting)
        case let .presynaptic(r): try container.encode(r, forKey: .presynaptic)
        case let .full(alpha): try container.encodeRationalMatrix(alpha, forKey: .full)
        }
    }
}
