import Foundation

/// How many cases each property runs and how large the random networks get, read from the environment.
///
/// - `SBAL_PROPERTY_COUNT`: cases per property (default `defaultCount`, a CI-sized number).
/// - `SBAL_PROPERTY_MAX_NEURONS`: the largest network size N (default 10; sizes start at 1).
/// - `SBAL_PROPERTY_FAILURE_DIR`: when set, every failing (shrunk) network is also written there as a
///   `synaptic-balancing-network` JSON file that `sbal verify` reads.
public struct PropertyTestConfiguration: Sendable, Equatable {
    /// Cases per property.
    public var count: Int
    /// Largest N of a generated network.
    public var maximumNeuronCount: Int
    /// Directory for failing cases as JSON files, if any.
    public var failureDirectory: String?

    /// The default number of cases per property when `SBAL_PROPERTY_COUNT` is unset.
    public static let defaultCount = 100
    /// The default largest N when `SBAL_PROPERTY_MAX_NEURONS` is unset.
    public static let defaultMaximumNeuronCount = 10

    public init(count: Int = PropertyTestConfiguration.defaultCount,
                maximumNeuronCount: Int = PropertyTestConfiguration.defaultMaximumNeuronCount,
                failureDirectory: String? = nil) {
        self.count = max(0, count)
        self.maximumNeuronCount = max(1, maximumNeuronCount)
        self.failureDirectory = failureDirectory
    }

    /// The configuration from the process environment (unparseable values fall back to the defaults).
    public static var environment: PropertyTestConfiguration {
        let env = ProcessInfo.processInfo.environment
        let count = env["SBAL_PROPERTY_COUNT"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? defaultCount
        let maxN = env["SBAL_PROPERTY_MAX_NEURONS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? defaultMaximumNeuronCount
        let dir = env["SBAL_PROPERTY_FAILURE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return PropertyTestConfiguration(count: count, maximumNeuronCount: maxN, failureDirectory: dir)
    }

    /// `count` scaled by `fraction` (at least 1 when `count > 0`), for properties that cost more per case.
    public func count(scaledBy fraction: Double) -> Int {
        count == 0 ? 0 : max(1, Int((Double(count) * fraction).rounded()))
    }
}
