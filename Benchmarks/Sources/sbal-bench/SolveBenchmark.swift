import Foundation
import SynapticBalancing

/// One in-process solve per solver on one input, the counterpart of python/anchors.py (same records):
/// a dense .npy (N x N, through the dense front end) or a CSR triple `csr:PREFIX` (PREFIX_indptr.npy,
/// PREFIX_indices.npy, PREFIX_data.npy, through the sparse front end). Frobenius cost, |g|/C <= tolerance;
/// `seconds` is the time of `balance(...)` alone (the file is already in memory), `rel_imbalance` is
/// measured again from the returned h on the input J. python/compare.py alternates this with the anchors.
enum SolveBenchmark {
    static func solver(named name: String) -> BalancingSolver? {
        switch name {
        case "newton": return .newton
        case "osborne": return .osborneCyclic
        case "osborne-randomized": return .osborneRandomized(seed: 1)
        case "dopri-h": return .flow(.dormandPrince(relativeTolerance: 1e-10), .logScalesOnly)
        default: return nil
        }
    }

    static func run(_ arguments: Arguments) throws {
        let tolerance = arguments.double("tolerance", 1e-10)
        let round = arguments.int("round", 0)
        let names = arguments.string("solvers", "newton,osborne").split(separator: ",").map(String.init)
        guard let path = arguments.positional.first else { throw NumPyMatrix.ReadError.malformed("", "no input") }
        let cost = try CostModel(exponent: 2, weighting: .uniform)
        var dense: DenseMatrix?
        var sparse: SparseMatrix?
        let n: Int
        if path.hasPrefix("csr:") {
            let prefix = String(path.dropFirst(4))
            let rowStart = try NumPyVector(contentsOf: prefix + "_indptr.npy").ints
            let column = try NumPyVector(contentsOf: prefix + "_indices.npy").int32s
            let values = try NumPyVector(contentsOf: prefix + "_data.npy").doubles
            n = rowStart.count - 1
            sparse = try SparseMatrix(rows: n, columns: n, rowStart: rowStart, columnIndex: column, values: values)
        } else {
            let matrix = try NumPyMatrix(contentsOf: path)
            n = matrix.rows
            dense = try DenseMatrix(rows: matrix.rows, columns: matrix.columns, elements: matrix.elements)
        }
        for name in names {
            var record: [String: Any] = ["side": "package", "method": name, "file": (path as NSString).lastPathComponent,
                                         "neurons": n, "tolerance": tolerance, "round": round, "load": loadAverage()]
            guard let solver = solver(named: name) else {
                record["error"] = "unknown solver \(name)"
                emit(record)
                continue
            }
            var options = BalancingOptions()
            options.tolerance = tolerance
            options.maxIterations = 1_000_000
            do {
                let clock = ContinuousClock()
                let start = clock.now
                let h: [Double]
                let iterations: Int
                let converged: Bool
                if let dense {
                    let result = try balance(dense, cost: cost, solver: solver, options: options)
                    (h, iterations, converged) = (result.logScales, result.iterations, result.converged)
                } else {
                    let result = try balance(sparse!, cost: cost, solver: solver, options: options)
                    (h, iterations, converged) = (result.logScales, result.iterations, result.converged)
                }
                let elapsed = start.duration(to: clock.now)
                record["seconds"] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                record["iterations"] = iterations
                record["converged"] = converged
                record["rel_imbalance"] = dense.map { orbitImbalance(dense: $0, logScales: h) }
                    ?? orbitImbalance(sparse: sparse!, logScales: h)
            } catch {
                record["error"] = String(describing: error)
            }
            emit(record)
        }
    }

    static func loadAverage() -> Double {
        var load = [Double](repeating: 0, count: 3)
        return getloadavg(&load, 3) > 0 ? load[0] : -1
    }

    /// |g|/C of D^-1 J D (d = e^h) for the Frobenius cost, from the input J.
    static func orbitImbalance(dense J: DenseMatrix, logScales h: [Double]) -> Double {
        let n = J.rows
        let d = h.map { Foundation.exp($0) }
        var balanced = J.elements
        for i in 0..<n { for j in 0..<n { balanced[i * n + j] *= d[j] / d[i] } }
        return relativeImbalance(rows: n, elements: balanced)
    }

    static func orbitImbalance(sparse J: SparseMatrix, logScales h: [Double]) -> Double {
        let n = J.rows
        var incoming = [Double](repeating: 0, count: n), outgoing = incoming
        var total = 0.0
        for i in 0..<n {
            for k in J.rowStart[i]..<J.rowStart[i + 1] {
                let j = Int(J.columnIndex[k])
                let c = J.values[k] * J.values[k] * Foundation.exp(2 * (h[j] - h[i]))
                incoming[i] += c
                outgoing[j] += c
                total += c
            }
        }
        var norm = 0.0
        for i in 0..<n { norm += (incoming[i] - outgoing[i]) * (incoming[i] - outgoing[i]) }
        return norm.squareRoot() / total
    }
}

