import Rationals

/// JSON form: {"kind": "relu"}, {"kind": "leaky_relu", "slope": "1/4"}, {"kind": "linear"},
/// {"kind": "tanh"} (any other kind is read as a non-homogeneous nonlinearity of that name).
extension ExactNonlinearity: Codable {
    private enum CodingKeys: String, CodingKey { case kind, slope }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "relu": self = .relu
        case "linear": self = .linear
        case "leaky_relu": self = .leakyReLU(slope: try container.decode(Rational.self, forKey: .slope))
        default: self = .nonHomogeneous(name: kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .kind)
        if case let .leakyReLU(slope) = self { try container.encode(slope, forKey: .slope) }
    }
}
