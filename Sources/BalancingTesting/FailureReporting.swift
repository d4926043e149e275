import Foundation
import NetworkFiles

/// Attaches the failing network to a property failure.
public enum FailureReporting {
    /// Runs `body` on `sample`; if it throws, rethrows a `PropertyViolation` whose message ends with the
    /// network as a `synaptic-balancing-network` JSON document (exact rationals, readable by
    /// `sbal verify`). With `SBAL_PROPERTY_FAILURE_DIR` set, the JSON is also written to
    /// `<dir>/<property>-<hash>.json`. PropertyBased re-runs the body on every shrink candidate and
    /// records the last (smallest) failure with its seed, so the JSON printed last is the shrunk case.
    public static func reporting<T>(_ sample: GeneratedNetwork, property: String,
                                    configuration: PropertyTestConfiguration = .environment,
                                    _ body: (GeneratedNetwork) throws -> T) throws -> T {
        do {
            return try body(sample)
        } catch {
            let json = (try? sample.jsonText(description: "failing case of property '\(property)'"))
                ?? "(could not write JSON: \(sample))"
            var message = "\(error)\nnetwork: \(sample)\nnetwork JSON (save it and run `sbal verify file.json`):\n\(json)"
            if let directory = configuration.failureDirectory {
                let safe = property.map { $0.isLetter || $0.isNumber ? $0 : "-" }
                let path = "\(directory)/\(String(safe))-\(UInt(bitPattern: sample.hashValue) % 1_000_000_007).json"
                if (try? AtomicFile.write(text: json, to: path)) != nil { message += "\nwritten to \(path)" }
            }
            throw PropertyViolation(property: property, message: message)
        }
    }
}
