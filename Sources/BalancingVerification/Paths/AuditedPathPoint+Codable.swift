import Rationals

/// JSON form: {"time": "p/q", "weights": {"rows", "columns", "values"}?, "scales": [...]?, "reportedCost": "p/q"?}.
extension AuditedPathPoint: Codable {
    private enum CodingKeys: String, CodingKey { case time, weights, scales, reportedCost }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(time: try container.decode(Rational.self, forKey: .time),
                  weights: try container.decodeRationalMatrixIfPresent(forKey: .weights),
                  scales: try container.decodeIfPresent([Rational].self, forKey: .scales),
                  reportedCost: try container.decodeIfPresent(Rational.self, forKey: .reportedCost))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encodeRationalMatrixIfPresent(weights, forKey: .weights)
        try container.encodeIfPresent(scales, forKey: .scales)
        try container.encodeIfPresent(reportedCost, forKey: .reportedCost)
    }
}
