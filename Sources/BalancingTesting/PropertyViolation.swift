/// A property that does not hold: what was checked, where, and the numbers (thrown by every checker).
public struct PropertyViolation: Error, CustomStringConvertible, Sendable, Equatable {
    /// The property, e.g. "float imbalance g agrees with the exact g".
    public var property: String
    /// What is wrong, with the numbers.
    public var message: String

    public init(property: String, message: String) {
        self.property = property
        self.message = message
    }

    public var description: String { "property violated: \(property)\n\(message)" }
}
