import Foundation

/// Number of random cases per hand-rolled property: `SBAL_PROPERTY_COUNT` or a moderate default.
/// (The swift-property-based suites read the same variable through `PropertyTestConfiguration`.)
public func propertyCount(_ defaultCount: Int = 200) -> Int {
    if let text = ProcessInfo.processInfo.environment["SBAL_PROPERTY_COUNT"], let n = Int(text), n > 0 {
        return n
    }
    return defaultCount
}
