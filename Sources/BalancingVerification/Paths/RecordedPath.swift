import Foundation
import Rationals

/// A path recorded by someone else's integrator, e.g. scipy's `solve_ivp` on the (J, h) flow, as
/// arrays: times t (T), and snapshots J (T x N x N, J[k, i, j] the synapse j -> i at t[k]), h (T x N,
/// log-scales) or d (T x N, scales), at least one of J, h, d; optionally the cost the integrator
/// reported (T). Every double is converted exactly; `points(neuronCount:)` validates the shapes and
/// values and gives the path that `FloatPathAudit` audits as it audits the package's own paths.
public struct RecordedPath: Sendable, Equatable {
    /// One recorded array: its member name (for messages), shape and C-order values.
    public struct Member: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Double]

        public init(name: String, shape: [Int], values: [Double]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    public var times: Member
    public var weights: Member?
    public var logScales: Member?
    public var scales: Member?
    public var costs: Member?

    public init(times: Member, weights: Member? = nil, logScales: Member? = nil, scales: Member? = nil, costs: Member? = nil) {
        self.times = times
        self.weights = weights
        self.logScales = logScales
        self.scales = scales
        self.costs = costs
    }

    /// Number of snapshots T (the length of t).
    public var count: Int { times.values.count }

    /// The exact path points of an N-neuron network.
    /// - Parameters:
    ///   - n: N, the network's neurons.
    ///   - transposedWeights: the snapshots of J are stored W[pre, post] (a network file in the
    ///     pre_post orientation): each is transposed to the model's J[post, pre].
    /// - Throws: `shapeMismatch` naming the member and its shape against (T, N, N) / (T, N) / (T);
    ///   `invalidParameter` for a non-finite value (member and index named), non-increasing times,
    ///   a non-positive scale, h and d both given, or none of J, h, d.
    public func points(neuronCount n: Int, transposedWeights: Bool = false) throws -> [AuditedPathPoint] {
        guard times.shape.count == 1 else {
            throw VerificationError.shapeMismatch("path member \(times.name) has shape \(Self.describe(times.shape)), expected 1-d (T)")
        }
        let t = times.values.count
        guard t >= 1 else { throw VerificationError.shapeMismatch("path member \(times.name) is empty: the path needs at least one snapshot") }
        guard weights != nil || logScales != nil || scales != nil else {
            throw VerificationError.invalidParameter("the path records none of J (T x N x N), h or d (T x N); nothing to audit")
        }
        if let h = logScales, let d = scales {
            throw VerificationError.invalidParameter("the path records both \(h.name) and \(d.name); give the log-scales h or the scales d, not both")
        }
        func check(_ member: Member, _ expected: [Int], _ pattern: String) throws {
            guard member.shape == expected else {
                let tMismatch = member.shape.first.map { $0 != t } ?? true
                let why = member.shape.count != expected.count ? "wrong number of dimensions"
                    : tMismatch ? "T = \(member.shape[0]) snapshots but \(times.name) has \(t) times" : "N mismatch: the network has N = \(n) neurons"
                throw VerificationError.shapeMismatch("path member \(member.name) has shape \(Self.describe(member.shape)), expected \(pattern) = \(Self.describe(expected)) (\(why))")
            }
            try finite(member, shape: expected)
        }
        try finite(times, shape: [t])
        for k in 1..<Swift.max(t, 1) where !(times.values[k] > times.values[k - 1]) {
            throw VerificationError.invalidParameter("path member \(times.name): \(times.name)[\(k)] = \(times.values[k]) is not after \(times.name)[\(k - 1)] = \(times.values[k - 1]); times must increase strictly")
        }
        if let weights { try check(weights, [t, n, n], "(T, N, N)") }
        if let logScales { try check(logScales, [t, n], "(T, N)") }
        if let scales {
            try check(scales, [t, n], "(T, N)")
            if let bad = scales.values.firstIndex(where: { $0 <= 0 }) {
                throw VerificationError.invalidParameter("path member \(scales.name)\(Self.index(bad, shape: [t, n])) = \(scales.values[bad]) is not positive; scales d = exp(h) must be > 0")
            }
        }
        if let costs { try check(costs, [t], "(T)") }
        var points: [AuditedPathPoint] = []
        points.reserveCapacity(t)
        for k in 0..<t {
            var point = AuditedPathPoint(time: try Rational(exactly: times.values[k]))
            if let weights {
                let slice = Array(weights.values[(k * n * n)..<((k + 1) * n * n)])
                let snapshot = Matrix(rows: n, columns: n, uncheckedElements: try slice.map { try Rational(exactly: $0) })
                point.weights = transposedWeights ? snapshot.transposed : snapshot
            }
            if let logScales {
                let h = Array(logScales.values[(k * n)..<((k + 1) * n)])
                do { point.scales = try ExactConversion.scales(fromLogScales: h) } catch {
                    throw VerificationError.invalidParameter("path member \(logScales.name)[\(k)]: exp(h) is not a positive finite double (\(error))")
                }
            }
            if let scales { point.scales = try scales.values[(k * n)..<((k + 1) * n)].map { try Rational(exactly: $0) } }
            if let costs { point.reportedCost = try Rational(exactly: costs.values[k]) }
            points.append(point)
        }
        return points
    }

    private func finite(_ member: Member, shape: [Int]) throws {
        if let bad = member.values.firstIndex(where: { !$0.isFinite }) {
            throw VerificationError.invalidParameter("path member \(member.name)\(Self.index(bad, shape: shape)) = \(member.values[bad]) is not a finite number")
        }
    }

    /// "[k, i, j]" for a C-order flat index.
    static func index(_ flat: Int, shape: [Int]) -> String {
        var rest = flat, parts: [Int] = []
        for size in shape.reversed() {
            parts.append(size > 0 ? rest % size : 0)
            rest = size > 0 ? rest / size : 0
        }
        return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
    }

    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
