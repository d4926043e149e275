import Foundation
import Rationals

/// Exact-layer benchmarks on the JSON inputs written by python/generate.py.
enum ExactBenchmarks {
    struct InputError: Error, CustomStringConvertible {
        let description: String
    }

    static func rationals(_ strings: [String], in path: String) throws -> [Rational] {
        try strings.map { text in
            guard let value = Rational(text) else { throw InputError(description: "\(path): bad rational \"\(text)\"") }
            return value
        }
    }

    static func rationalMatrix(_ rows: [[String]], in path: String) throws -> Matrix<Rational> {
        try Matrix(try rows.map { try rationals($0, in: path) })
    }

    /// det(t I - A) of an n x n rational matrix (ascending powers). Engines:
    /// - `swift`: the library's `Matrix<Rational>.characteristicPolynomial` (multimodular Hessenberg
    ///   reduction modulo primes < 2^62 and Chinese remaindering against a proven bound);
    /// - `swift-cleared-denominators`: the earlier prototype `ClearedDenominatorCharpoly` (cleared
    ///   denominators and division-free Berkowitz on BigInteger), for comparison.
    static func characteristicPolynomial(_ arguments: Arguments) throws {
        let engines = arguments.string("engines", "swift,swift-cleared-denominators")
            .split(separator: ",").map(String.init)
        let repeats = arguments.int("repeats", 5)
        for path in arguments.positional {
            let rows = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let matrix = try rationalMatrix(rows, in: path)
            let file = (path as NSString).lastPathComponent
            if engines.contains("swift") {
                let timing = bestOf(repeats: repeats, budget: 5) { matrix.characteristicPolynomial }
                emit(["bench": "charpoly", "engine": "swift", "file": file,
                      "size": matrix.rows, "seconds": timing.seconds, "runs": timing.runs,
                      "coefficients": timing.result.map(\.description)])
            }
            if engines.contains("swift-cleared-denominators") {
                let cleared = bestOf(repeats: repeats, budget: 5) {
                    ClearedDenominatorCharpoly.coefficients(of: matrix)
                }
                emit(["bench": "charpoly", "engine": "swift-cleared-denominators", "file": file,
                      "size": matrix.rows, "seconds": cleared.seconds, "runs": cleared.runs,
                      "coefficients": cleared.result.map(\.description)])
            }
        }
    }

    struct EulerNetwork: Decodable {
        var neurons: Int
        var steps: Int
        var dt_over_tau: String
        var recurrent: [[String]]
        var input_weights: [[String]]
        var output_weights: [[String]]
        var bias: [String]
        var initial_state: [String]
        var input_sequence: [[String]]
    }

    /// x_{t+1} = x_t + (dt/tau)(-x_t + J relu(x_t) + W_in u_t + b), y_t = W_out relu(x_t), t = 1..T,
    /// all in Rational (exact; the same recursion as the fractions baseline).
    static func euler(_ arguments: Arguments) throws {
        guard let path = arguments.positional.first else { throw InputError(description: "euler: no file") }
        let network = try JSONDecoder().decode(EulerNetwork.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let recurrent = try rationalMatrix(network.recurrent, in: path)
        let inputWeights = try rationalMatrix(network.input_weights, in: path)
        let outputWeights = try rationalMatrix(network.output_weights, in: path)
        let bias = try rationals(network.bias, in: path)
        let initialState = try rationals(network.initial_state, in: path)
        let inputs = try network.input_sequence.map { try rationals($0, in: path) }
        guard let step = Rational(network.dt_over_tau) else { throw InputError(description: "\(path): dt_over_tau") }
        let n = initialState.count

        func relu(_ x: [Rational]) -> [Rational] { x.map { $0 > 0 ? $0 : Rational(0) } }
        let timing = bestOf(repeats: arguments.int("repeats", 5), budget: 5) { () -> ([Rational], [Rational]) in
            var x = initialState
            var output: [Rational] = []
            for u in inputs {
                let recurrentDrive = recurrent * relu(x)
                let inputDrive = inputWeights * u
                var next = x
                for i in 0..<n { next[i] = x[i] + step * (recurrentDrive[i] + inputDrive[i] + bias[i] - x[i]) }
                x = next
                output = outputWeights * relu(x)
            }
            return (x, output)
        }
        let bits = timing.result.0.map { max($0.numerator.bitLength, $0.denominator.bitLength) }.max() ?? 0
        emit(["bench": "euler", "engine": "swift", "file": (path as NSString).lastPathComponent,
              "neurons": n, "steps": inputs.count, "seconds": timing.seconds, "runs": timing.runs,
              "final_state": timing.result.0.map(\.description),
              "final_output": timing.result.1.map(\.description), "max_bits": bits])
    }
}
