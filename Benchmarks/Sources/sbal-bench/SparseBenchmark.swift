import Foundation
import SynapticBalancing

/// The sparse solver on a large seeded network generated here (default 100k neurons, 10M synapses,
/// Frobenius cost): generation time, solve time, |g|/C before and after (recomputed here from the
/// returned log-scales), and the peak resident memory of the process.
enum SparseBenchmark {
    static func run(_ arguments: Arguments) throws {
        let neurons = arguments.int("neurons", 100_000)
        let synapses = arguments.int("synapses", 10_000_000)
        let tolerance = arguments.double("tolerance", 1e-8)
        let solverName = arguments.string("solver", "newton")
        let generation = bestOf(repeats: 1) { SparseNetwork(neurons: neurons, synapses: synapses, seed: 42) }
        let network = generation.result
        var record: [String: Any] = ["bench": "sparse", "neurons": neurons, "synapses": network.synapseCount,
                                     "solver": solverName, "tolerance": tolerance,
                                     "generation_seconds": generation.seconds,
                                     "rel_imbalance_initial": network.relativeImbalance()]
        do {
            let matrix = try SparseMatrix(rows: neurons, columns: neurons, rowStart: network.rowStart,
                                          columnIndex: network.columnIndex, values: network.values)
            guard let solver = BalanceBenchmark.solver(named: solverName) else {
                throw BalancingError.invalidParameter("unknown solver \(solverName)")
            }
            let timing = try bestOf(repeats: 1) { try solveSparse(matrix, solver: solver, tolerance: tolerance) }
            record["seconds"] = timing.seconds
            record["iterations"] = timing.result.iterations
            record["converged"] = timing.result.converged
            record["reported_rel_imbalance"] = timing.result.relativeImbalance
            record["rel_imbalance"] = network.relativeImbalance(logScales: timing.result.logScales)
        } catch {
            record["error"] = String(describing: error)
        }
        record["max_resident_megabytes"] = maxResidentMegabytes()
        emit(record)
    }

    struct Outcome {
        var logScales: [Double]
        var iterations: Int
        var converged: Bool
        var relativeImbalance: Double
    }

    static func solveSparse(_ matrix: SparseMatrix, solver: BalancingSolver, tolerance: Double) throws -> Outcome {
        var options = BalancingOptions()
        options.tolerance = tolerance
        let result = try balance(matrix, cost: try CostModel(exponent: 2, weighting: .uniform), solver: solver,
                                 options: options)
        return Outcome(logScales: result.logScales, iterations: result.iterations, converged: result.converged,
                       relativeImbalance: result.relativeImbalance)
    }

    /// Peak resident set size of this process (getrusage; kilobytes on Linux).
    static func maxResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
