import Rationals
import SynapticBalancing

/// One point of a float integrator's path, in exact form: the recorded weights J(t) (every double
/// converted exactly), or, for an h-only path, the scales d = exp(h) evaluated in Double and then
/// converted exactly.
public struct AuditedPathPoint: Sendable, Equatable {
    /// t, exactly the recorded double.
    public var time: Rational
    /// J(t) as recorded by the float integrator (row-major N x N), if recorded.
    public var weights: Matrix<Rational>?
    /// d(t) = exp(h(t)) as doubles, converted exactly; used when no weights were recorded.
    public var scales: [Rational]?
    /// The cost the float integrator reported at this point, exactly the recorded double.
    public var reportedCost: Rational?

    public init(time: Rational, weights: Matrix<Rational>? = nil, scales: [Rational]? = nil, reportedCost: Rational? = nil) {
        self.time = time
        self.weights = weights
        self.scales = scales
        self.reportedCost = reportedCost
    }

    /// The exact form of a float path point of an N-neuron network.
    /// - Throws: `notFinite` for NaN or infinity in the point, `shapeMismatch` for a wrong length.
    public init(_ point: PathPoint, neuronCount n: Int) throws {
        var weights: Matrix<Rational>?
        if let recorded = point.weights {
            guard recorded.count == n * n else {
                throw VerificationError.shapeMismatch("path point weights have \(recorded.count) entries, expected \(n * n) (N x N)")
            }
            weights = Matrix(rows: n, columns: n, uncheckedElements: try ExactConversion.values(recorded, field: "path point weights"))
        }
        guard point.logScales.count == n else {
            throw VerificationError.shapeMismatch("path point logScales have \(point.logScales.count) entries, expected \(n) (neurons)")
        }
        let scales = try ExactConversion.scales(fromLogScales: point.logScales)
        self.init(time: try exactValues([point.time], "path point time")[0], weights: weights, scales: scales,
                  reportedCost: try exactValues([point.cost], "path point cost")[0])
    }

    /// The exact form of every point of a float path (every `stride`-th point, always with the last).
    public static func points(from path: [PathPoint], neuronCount n: Int, stride: Int = 1) throws -> [AuditedPathPoint] {
        guard stride >= 1 else { throw VerificationError.invalidParameter("stride \(stride) must be >= 1") }
        var indices = Array(Swift.stride(from: 0, to: path.count, by: stride))
        if let last = path.indices.last, indices.last != last { indices.append(last) }
        return try indices.map { try AuditedPathPoint(path[$0], neuronCount: n) }
    }

    /// J(t): the recorded weights, else D^-1 J(0) D with the recorded scales.
    func matrix(initial: Matrix<Rational>, index: Int) throws -> Matrix<Rational> {
        if let weights {
            guard weights.rows == initial.rows, weights.columns == initial.columns else {
                throw VerificationError.shapeMismatch("path point \(index) weights are \(weights.rows) x \(weights.columns), expected \(initial.rows) x \(initial.columns)")
            }
            return weights
        }
        guard let scales else {
            throw VerificationError.invalidParameter("path point \(index) has neither weights nor scales")
        }
        try validateScales(scales, neurons: initial.rows, field: "path point \(index) scales")
        return initial.diagonalSimilarity(scales)
    }
}
