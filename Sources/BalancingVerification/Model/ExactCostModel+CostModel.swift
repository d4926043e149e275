import Rationals
import SynapticBalancing

extension ExactCostModel {
    /// The exact counterpart of a float cost model: p must be an integer >= 1, every alpha is converted
    /// without rounding.
    public init(_ model: CostModel) throws {
        guard model.exponent.isFinite, model.exponent >= 1, model.exponent == model.exponent.rounded(),
              let p = Int(exactly: model.exponent) else {
            throw VerificationError.invalidParameter("cost exponent p = \(model.exponent) must be an integer >= 1 for exact checks")
        }
        let weighting: ExactCostWeighting
        switch model.weighting {
        case .uniform: weighting = .uniform
        case let .presynaptic(r): weighting = .presynaptic(try exactValues(r, "presynaptic cost weights"))
        case let .full(alpha):
            weighting = .full(Matrix(rows: alpha.rows, columns: alpha.columns, uncheckedElements: try exactValues(alpha.elements, "cost weights")))
        }
        try self.init(exponent: p, weighting: weighting)
    }
}
