import Rationals
import SynapticBalancing

/// JSON form with every rational as a string "p/q":
/// {"recurrentWeights": {"rows", "columns", "values"}, "inputWeights": ..., "outputWeights": ...,
///  "bias": ["p/q", ...], "timeStepOverTimeConstant": "1/10", "nonlinearity": {"kind": "relu"}} and, for
/// the state readout only, "readout": "state" (absent means rate, so certificates issued before the
/// field existed decode as issued).
/// Decoding runs the validating initialiser, so a bad shape is an error naming the field. Every field is
/// required (a dropped field is an error, never a silent default).
extension ExactNetwork: Codable {
    private enum CodingKeys: String, CodingKey {
        case recurrentWeights, inputWeights, outputWeights, bias, timeStepOverTimeConstant, nonlinearity, readout
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            recurrentWeights: try container.decodeRationalMatrix(forKey: .recurrentWeights),
            inputWeights: try container.decodeRationalMatrix(forKey: .inputWeights),
            outputWeights: try container.decodeRationalMatrix(forKey: .outputWeights),
            bias: try container.decode([Rational].self, forKey: .bias),
            timeStepOverTimeConstant: try container.decode(Rational.self, forKey: .timeStepOverTimeConstant),
            nonlinearity: try container.decode(ExactNonlinearity.self, forKey: .nonlinearity),
            readout: try container.decodeIfPresent(Readout.self, forKey: .readout) ?? .rate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeRationalMatrix(recurrentWeights, forKey: .recurrentWeights)
        try container.encodeRationalMatrix(inputWeights, forKey: .inputWeights)
        try container.encodeRationalMatrix(outputWeights, forKey: .outputWeights)
        try container.encode(bias, forKey: .bias)
        try container.encode(timeStepOverTimeConstant, forKey: .timeStepOverTimeConstant)
        try container.encode(nonlinearity, forKey: .nonlinearity)
        if readout == .state { try container.encode(readout, forKey: .readout) }
    }
}
