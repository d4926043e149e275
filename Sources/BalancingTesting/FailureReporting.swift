import Foundation
import NetworkFiles
import Testing

/// Attaches the failing network to a property failure.
///
/// Use `expectProperty` inside `propertyCheck` bodies: PropertyBased 2.0.1 (Swift >= 6.2) counts only
/// *recorded issues* as failures and drops errors thrown out of the body (its `countIssues` runs the body
/// under `try?`), so a checker's thrown `PropertyViolation` must be turned into an issue.
public enum FailureReporting {
    /// Runs `body` on `sample`; if it throws, rethrows a `PropertyViolation` whose message ends with the
    /// network as a `synaptic-balancing-network` JSON document (exact rationals, readable by
    /// `sbal verify`). With `SBAL_PROPERTY_FAILURE_DIR` set, the JSON is also written to
    /// `<dir>/<property>.json` (overwritten by each failing shrink candidate, so the file left is the
    /// last, smallest failing case).
    public static func annotatingFailures<T>(_ sample: GeneratedNetwork, property: String,
                                             configuration: PropertyTestConfiguration = .environment,
                                             _ body: (GeneratedNetwork) throws -> T) throws -> T {
        do {
            return try body(sample)
        } catch {
            let json = (try? sample.jsonText(description: "failing case of property '\(property)'"))
                ?? "(could not write JSON: \(sample))"
            var message = "\(error)\nnetwork: \(sample)\nnetwork JSON (save it and run `sbal verify file.json`):\n\(json)"
            if let directory = configuration.failureDirectory {
                let safe = String(property.map { $0.isLetter || $0.isNumber ? $0 : "-" })
                let path = "\(directory)/\(safe).json"
                if (try? AtomicFile.write(text: json, to: path)) != nil { message += "\nwritten to \(path)" }
            }
            throw PropertyViolation(property: property, message: message)
        }
    }

    /// Runs `body` on `sample` and records a Swift Testing issue (never throws) when it throws: the
    /// checker's message, the network and its JSON. Call it inside `propertyCheck { sample in ... }`;
    /// PropertyBased then shrinks the network and prints the seed.
    public static func expectProperty(_ sample: GeneratedNetwork, _ property: String,
                                      configuration: PropertyTestConfiguration = .environment,
                                      sourceLocation: SourceLocation = #_sourceLocation,
                                      _ body: (GeneratedNetwork) throws -> Void) {
        do {
            try annotatingFailures(sample, property: property, configuration: configuration, body)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }
}
