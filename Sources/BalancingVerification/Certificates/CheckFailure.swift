/// Where an exact check found its claim false: the first broken invariant (in the check's documented
/// order) or the first differing step, with the two exact values that differ.
public struct CheckFailure: Sendable, Hashable, Codable {
    /// The invariant or relation that does not hold, e.g. "output y[0] at step 3" or
    /// "cycle product J[0,1] * J[1,0]".
    public var invariant: String
    /// The time step (trajectories, paths, step searches), when there is one.
    public var step: Int?
    /// The value the claim requires.
    public var expected: String
    /// The value found.
    public var actual: String

    public init(invariant: String, step: Int? = nil, expected: String, actual: String) {
        self.invariant = invariant
        self.step = step
        self.expected = expected
        self.actual = actual
    }
}
