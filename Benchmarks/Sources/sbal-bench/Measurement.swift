import Foundation

/// Wall-clock timing of a closure: the minimum over up to `repeats` runs, stopping early once the
/// runs together took `budget` seconds (the first run always counts).
func bestOf<Result>(repeats: Int, budget: Double = 2.0, _ body: () throws -> Result) rethrows
    -> (seconds: Double, result: Result, runs: Int)
{
    let clock = ContinuousClock()
    var best = Double.infinity
    var spent = 0.0
    var runs = 0
    var last: Result?
    while runs < max(repeats, 1) && (runs == 0 || spent < budget) {
        let start = clock.now
        let value = try body()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
        spent += seconds
        runs += 1
        last = value
    }
    return (best, last!, runs)
}

/// Prints one benchmark record as a line of JSON (keys sorted, so lines are stable).
func emit(_ record: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: sanitized(record), options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

/// JSON has no NaN or infinity: write them as strings.
private func sanitized(_ value: Any) -> Any {
    switch value {
    case let d as Double: return d.isFinite ? d : String(describing: d)
    case let dict as [String: Any]: return dict.mapValues(sanitized)
    case let array as [Any]: return array.map(sanitized)
    default: return value
    }
}

/// |g| / C for the Frobenius cost c_ij = J_ij^2 (p = 2, alpha = 1) of a dense row-major matrix, the
/// same formula the Python baselines use: g_i = sum_j c_ij - sum_j c_ji, C = sum_ij c_ij.
func relativeImbalance(rows n: Int, elements: [Double]) -> Double {
    var incoming = [Double](repeating: 0, count: n)
    var outgoing = [Double](repeating: 0, count: n)
    var total = 0.0
    elements.withUnsafeBufferPointer { j in
        for i in 0..<n {
            var rowSum = 0.0
            for k in 0..<n {
                let c = j[i * n + k] * j[i * n + k]
                rowSum += c
                outgoing[k] += c
            }
            incoming[i] = rowSum
            total += rowSum
        }
    }
    var norm = 0.0
    for i in 0..<n { norm += (incoming[i] - outgoing[i]) * (incoming[i] - outgoing[i]) }
    return norm.squareRoot() / total
}

/// A small deterministic generator (SplitMix64), so every run builds the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A standard normal deviate (Box-Muller).
    mutating func normal() -> Double {
        let u1 = Double(next() >> 11 + 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

/// Parsed `--name value` options and positional arguments.
struct Arguments {
    var options: [String: String] = [:]
    var positional: [String] = []
    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                options[String(argument.dropFirst(2))] = iterator.next() ?? ""
            } else {
                positional.append(argument)
            }
        }
    }
    func double(_ name: String, _ fallback: Double) -> Double { options[name].flatMap(Double.init) ?? fallback }
    func int(_ name: String, _ fallback: Int) -> Int { options[name].flatMap(Int.init) ?? fallback }
    func string(_ name: String, _ fallback: String) -> String { options[name] ?? fallback }
}
