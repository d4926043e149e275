import Rationals

/// Check 5, an exact audit of a float integrator's path (every double converted exactly).
///
/// For each path point (J(t) as recorded, or D^-1 J(0) D for recorded scales):
/// - the exact cost C(t); every step where it increased is listed (the first one fails the check);
/// - for recorded weights, the exact drift of the conserved quantities from the initial network:
///   the diagonal, the signed cycle ratios of the cycle basis of J(0) and the charpoly coefficients,
///   each as an exact rational and as a relative size (|value(t) - value(0)| / |value(0)|), plus any
///   sign change of an entry (which leaves the orbit outright);
/// - the gap between the float cost the integrator reported and the exact cost of its own point.
/// - for points that record both weights and scales, the exact relative distance of J(t) from the
///   orbit point D(t)^-1 J(0) D(t) of its own scales (max over the support of |J_ij - O_ij| / |O_ij|).
/// Every point's time (strictly increasing), exact cost and reported-cost gap is listed in the report,
/// so no field of a point goes unread. The cost is audited at every point; with `invariantStride` k > 1
/// the invariants (diagonal, cycles, charpoly, signs) are measured at every k-th point and the last
/// only, and the report says so.
/// Optionally an `ExactSchemeComparison` separates rounding from truncation for the same kind of
/// scheme. Verdict: `verified` iff the exact cost never increases along the path and, if a bound is
/// given, no relative drift of a diagonal entry or cycle invariant exceeds it.
public struct FloatPathAudit: Sendable, Equatable, Codable {
    public var cost: ExactCostModel
    /// The path, in order; the network's J is J(0).
    public var path: [AuditedPathPoint]
    /// If set, every relative drift of a diagonal entry or cycle invariant must be <= this bound.
    public var relativeDriftBound: Rational?
    /// If set, the exact-scheme comparison is run too.
    public var schemeComparison: ExactSchemeComparison?
    /// k: the invariants are measured at points 0, k, 2k, ... and the last (nil: at every point). The
    /// cost is always audited at every point.
    public var invariantStride: Int?

    /// - Parameters:
    ///   - cost: the cost whose exact value is audited at every point.
    ///   - path: the points, in order of strictly increasing time.
    ///   - relativeDriftBound: optional bound on every relative drift of a diagonal entry or cycle invariant.
    ///   - schemeComparison: optional exact run of the same scheme.
    ///   - invariantStride: measure the invariants at every k-th point (and the last) only; nil = every point.
    public init(cost: ExactCostModel, path: [AuditedPathPoint], relativeDriftBound: Rational? = nil,
                schemeComparison: ExactSchemeComparison? = nil, invariantStride: Int? = nil) {
        self.cost = cost
        self.path = path
        self.relativeDriftBound = relativeDriftBound
        self.schemeComparison = schemeComparison
        self.invariantStride = invariantStride
    }

    public func run(on network: ExactNetwork) throws -> CheckReport {
        try run(onWeights: network.recurrentWeights)
    }

    /// - Throws: `shapeMismatch`, `nonPositiveScale`, `invalidParameter` (a point with neither weights
    ///   nor scales, a negative drift bound), and the scheme comparison's parameter errors.
    public func run(onWeights initial: Matrix<Rational>) throws -> CheckReport {
        if let bound = relativeDriftBound, bound.signum < 0 {
            throw VerificationError.invalidParameter("relative drift bound \(bound) is negative")
        }
        if let k = invariantStride, k < 1 { throw VerificationError.invalidParameter("invariant stride \(k) must be >= 1") }
        if let bad = path.indices.dropFirst().first(where: { path[$0].time <= path[$0 - 1].time }) {
            throw VerificationError.invalidParameter("path point \(bad) has time \(path[bad].time), not after point \(bad - 1) (time \(path[bad - 1].time)); times must increase strictly")
        }
        let stride = invariantStride ?? 1
        let n = initial.rows
        let basis = CycleBasis(supportOf: initial)
        let names = (0..<n).map { "J[\($0),\($0)]" } + basis.cycles.map(\.name)
        func invariants(_ m: Matrix<Rational>) -> [Rational?] {
            (0..<n).map { m[$0, $0] } + basis.cycles.map { basis.value(of: $0, in: m) }
        }
        let initialInvariants = invariants(initial).map { $0! }
        let initialCharpoly = initial.characteristicPolynomial
        let initialCost = try cost.totalCost(of: initial)

        var failure: CheckFailure?
        var increases: [String] = []
        var previousCost: Rational?
        var weightPoints = 0
        var maxRelativeDrift = Rational(0), maxDriftWhere = "none"
        var maxCharpolyDrift = Array(repeating: Rational(0), count: initialCharpoly.count)
        var finalDrift: [Rational]?
        var signChanges: [String] = []
        var finalCost = initialCost, finalReportedGap: Rational?
        var exactCosts: [String] = [], reportedGaps: [String] = [], orbitDistances: [String] = []
        var maxOrbitDistance: Rational?, invariantPoints = 0
        for (index, point) in path.enumerated() {
            let m = try point.matrix(initial: initial, index: index)
            let c = try cost.totalCost(of: m)
            exactCosts.append(c.description)
            reportedGaps.append(point.reportedCost.map { ($0 - c).description } ?? "not recorded")
            if let weights = point.weights, let scales = point.scales {
                try validateScales(scales, neurons: n, field: "path point \(index) scales")
                let distance = Self.relativeDistance(weights, fromOrbitPoint: initial.diagonalSimilarity(scales))
                orbitDistances.append(distance.map(\.description) ?? "support changed")
                if let distance { maxOrbitDistance = Swift.max(maxOrbitDistance ?? distance, distance) }
            } else {
                orbitDistances.append(point.weights == nil ? "on the orbit by construction (scales only)" : "no scales recorded")
            }
            if let previous = previousCost, c > previous {
                increases.append("step \(index): \(previous) -> \(c)")
                if failure == nil {
                    failure = CheckFailure(invariant: "exact cost non-increasing (point \(index - 1) -> \(index))", step: index,
                                           expected: "<= \(previous)", actual: c.description)
                }
            }
            previousCost = c
            finalCost = c
            finalReportedGap = point.reportedCost.map { $0 - c }
            guard point.weights != nil else { continue }
            weightPoints += 1
            guard index % stride == 0 || index == path.count - 1 else { continue }
            invariantPoints += 1
            if let bad = initial.elements.indices.first(where: { initial.elements[$0].signum != m.elements[$0].signum }) {
                signChanges.append("point \(index): sign of J\(entryName(bad, columns: n))")
                // Off the orbit outright: no finite drift bound holds.
                if relativeDriftBound != nil, failure == nil {
                    failure = CheckFailure(invariant: "sign of J\(entryName(bad, columns: n)) unchanged (a sign change leaves the orbit, beyond any drift bound)",
                                           step: index, expected: String(initial.elements[bad].signum), actual: String(m.elements[bad].signum))
                }
                finalDrift = nil
                continue
            }
            let now = invariants(m)
            var drift: [Rational] = []
            for k in now.indices {
                let delta = now[k]! - initialInvariants[k]
                drift.append(delta)
                let relative = initialInvariants[k].isZero ? delta.magnitude : delta.magnitude / initialInvariants[k].magnitude
                if relative > maxRelativeDrift {
                    maxRelativeDrift = relative
                    maxDriftWhere = "\(names[k]) at point \(index)"
                }
                if let bound = relativeDriftBound, relative > bound, failure == nil {
                    failure = CheckFailure(invariant: "relative drift of \(names[k]) <= bound", step: index,
                                           expected: "<= \(bound)", actual: relative.description)
                }
            }
            finalDrift = drift
            let charpoly = m.characteristicPolynomial
            for k in charpoly.indices { maxCharpolyDrift[k] = Swift.max(maxCharpolyDrift[k], (charpoly[k] - initialCharpoly[k]).magnitude) }
        }
        var values: [ReportValue] = [
            ReportValue(name: "points audited", integer: path.count),
            ReportValue(name: "points with recorded weights", integer: weightPoints),
            ReportValue(name: "initial exact cost", rational: initialCost),
            ReportValue(name: "final exact cost", rational: finalCost),
            ReportValue(name: "exact cost increases", exact: increases),
            ReportValue(name: "invariants (diagonal, then cycle basis)", exact: names),
            ReportValue(name: "time per point", exact: path.map(\.time.description)),
            ReportValue(name: "exact cost per point", exact: exactCosts),
            ReportValue(name: "reported float cost - exact cost per point", exact: reportedGaps),
            ReportValue(name: "relative distance of J(t) from D(t)^-1 J(0) D(t) per point", exact: orbitDistances),
        ]
        if let maxOrbitDistance {
            values.append(ReportValue(name: "max relative distance from the orbit point of the recorded scales", rational: maxOrbitDistance))
        }
        if let gap = finalReportedGap {
            values.append(ReportValue(name: "reported float cost - exact cost at the last point", rational: gap))
        }
        var notes: [String] = []
        if weightPoints > 0 {
            values.append(ReportValue(name: "points where the invariants were measured", integer: invariantPoints))
            values.append(ReportValue(name: "max relative invariant drift", rational: maxRelativeDrift))
            values.append(ReportValue(name: "max relative invariant drift at", text: maxDriftWhere))
            values.append(ReportValue(name: "max |charpoly coefficient drift| (ascending)", rationals: maxCharpolyDrift))
            if let finalDrift { values.append(ReportValue(name: "invariant drift at the last point", rationals: finalDrift)) }
            values.append(ReportValue(name: "sign changes", exact: signChanges))
            notes.append("drift measures how far the recorded weights left the orbit of J(0): rounding plus, for a (J, h) integrator, the truncation of the J equation")
        } else {
            notes.append("no weights recorded: points are D^-1 J(0) D with d = exp(h) rounded to doubles, on the orbit by construction (drift 0); only the cost is audited")
        }
        if let comparison = schemeComparison {
            let (schemeValues, schemeNotes) = try comparison.evaluate(weights: initial, cost: cost)
            values += schemeValues
            notes += schemeNotes
        }
        let sampling = stride == 1 ? "" : " (invariants measured at \(invariantPoints) of the \(weightPoints) points with weights: every \(stride)-th and the last)"
        let summary = failure.map { "failed: \($0.invariant)" }
            ?? "exact cost non-increasing over all \(path.count) points; max relative invariant drift \(ReportValue.approximation(maxRelativeDrift))" + sampling
            + (signChanges.isEmpty ? "" : " over the points without a sign change; \(signChanges.count) point(s) changed the sign of a synapse (off the orbit)")
        return CheckReport(
            check: .floatPathAudit, summary: summary,
            inputs: [
                ReportValue(name: "neurons N", integer: n),
                ReportValue(name: "cost exponent p", integer: cost.exponent),
                ReportValue(name: "path points", integer: path.count),
                relativeDriftBound.map { ReportValue(name: "relative drift bound", rational: $0) }
                    ?? ReportValue(name: "relative drift bound", text: "none"),
                ReportValue(name: "invariant stride", text: invariantStride.map { "every \($0)-th point and the last" } ?? "every point"),
            ],
            values: values, verdict: failure == nil ? .verified : .failed, failure: failure, notes: notes)
    }

    /// max over the support of O of |J_ij - O_ij| / |O_ij|; nil when J has an entry off the support of O.
    static func relativeDistance(_ weights: Matrix<Rational>, fromOrbitPoint orbit: Matrix<Rational>) -> Rational? {
        var largest = Rational(0)
        for index in weights.elements.indices {
            let o = orbit.elements[index], w = weights.elements[index]
            if o.isZero {
                if !w.isZero { return nil }
                continue
            }
            if w == o { continue }
            largest = Swift.max(largest, (w - o).magnitude / o.magnitude)
        }
        return largest
    }
}
