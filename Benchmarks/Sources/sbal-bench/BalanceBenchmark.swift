import Foundation
import SynapticBalancing

/// Dense balancing with the Frobenius cost (p = 2, alpha = 1) on the .npy networks written by
/// python/generate.py: time of `balance(_:cost:solver:options:)` alone (file reading excluded), and
/// |g|/C of the returned matrix measured with the same formula as the Python side.
enum BalanceBenchmark {
    static func solver(named name: String) -> BalancingSolver? {
        switch name {
        case "newton": return .newton
        case "osborne": return .osborneCyclic
        case "osborne-randomized": return .osborneRandomized(seed: 1)
        case "newton-csr": return .newton
        case "osborne-csr": return .osborneCyclic
        default: return nil
        }
    }

    static func run(_ arguments: Arguments) throws {
        let tolerance = arguments.double("tolerance", 1e-10)
        let solverNames = arguments.string("solvers", "newton,osborne").split(separator: ",").map(String.init)
        for path in arguments.positional {
            let matrix = try NumPyMatrix(contentsOf: path)
            let weights = try DenseMatrix(rows: matrix.rows, columns: matrix.columns, elements: matrix.elements)
            let cost = try CostModel(exponent: 2, weighting: .uniform)
            for name in solverNames {
                guard let solver = solver(named: name) else {
                    emit(["bench": "balance", "error": "unknown solver \(name)"])
                    continue
                }
                var options = BalancingOptions()
                options.tolerance = tolerance
                let repeats = matrix.rows <= 1024 ? 5 : 1  // as many runs as baselines.py gives gebal
                var record: [String: Any] = ["bench": "balance", "solver": name,
                                             "file": (path as NSString).lastPathComponent,
                                             "neurons": matrix.rows, "tolerance": tolerance]
                do {
                    if name.hasSuffix("-csr") {
                        // The sparse (CSR) front end on the same matrix; conversion not timed.
                        let sparse = SparseMatrix(weights)
                        record["synapses"] = sparse.nonzeroCount
                        let timing = try bestOf(repeats: repeats, budget: 3) {
                            try balance(sparse, cost: cost, solver: solver, options: options)
                        }
                        let result = timing.result
                        record["seconds"] = timing.seconds
                        record["runs"] = timing.runs
                        record["iterations"] = result.iterations
                        record["converged"] = result.converged
                        record["reported_rel_imbalance"] = result.relativeImbalance
                        record["rel_imbalance"] = relativeImbalance(rows: matrix.rows,
                                                                    elements: result.balancedWeights.dense.elements)
                    } else {
                        let timing = try bestOf(repeats: repeats, budget: 3) {
                            try balance(weights, cost: cost, solver: solver, options: options)
                        }
                        let result = timing.result
                        record["seconds"] = timing.seconds
                        record["runs"] = timing.runs
                        record["iterations"] = result.iterations
                        record["converged"] = result.converged
                        record["reported_rel_imbalance"] = result.relativeImbalance
                        record["rel_imbalance"] = relativeImbalance(rows: matrix.rows,
                                                                    elements: result.balancedWeights.elements)
                    }
                    record["rel_imbalance_initial"] = relativeImbalance(rows: matrix.rows, elements: matrix.elements)
                } catch {
                    record["error"] = String(describing: error)
                }
                emit(record)
            }
        }
    }
}
