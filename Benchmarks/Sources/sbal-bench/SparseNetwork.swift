import Foundation

/// A seeded random sparse network in CSR form: every neuron receives exactly `synapses / neurons`
/// synapses from distinct presynaptic neurons drawn uniformly (self-loops allowed), with weights
/// N(0, 1) / sqrt(in-degree), so that every neuron's incoming Frobenius cost is about 1.
struct SparseNetwork {
    let neurons: Int
    var rowStart: [Int]
    var columnIndex: [Int32]
    var values: [Double]

    init(neurons: Int, synapses: Int, seed: UInt64) {
        precondition(neurons > 0 && synapses >= neurons && synapses <= neurons * neurons)
        let perRow = synapses / neurons
        var generator = SplitMix64(seed: seed)
        var rowStart = [Int](repeating: 0, count: neurons + 1)
        var columnIndex = [Int32]()
        var values = [Double]()
        columnIndex.reserveCapacity(perRow * neurons)
        values.reserveCapacity(perRow * neurons)
        let scale = 1 / Double(perRow).squareRoot()
        var row = [Int32]()
        for i in 0..<neurons {
            row.removeAll(keepingCapacity: true)
            while row.count < perRow {
                while row.count < perRow {
                    row.append(Int32(truncatingIfNeeded: generator.next() % UInt64(neurons)))
                }
                row.sort()
                var unique = [Int32]()
                unique.reserveCapacity(perRow)
                for column in row where unique.last != column { unique.append(column) }
                row = unique
            }
            for column in row {
                columnIndex.append(column)
                values.append(generator.normal() * scale)
            }
            rowStart[i + 1] = columnIndex.count
        }
        self.neurons = neurons
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.values = values
    }

    var synapseCount: Int { values.count }

    /// |g|/C of D^-1 J D with d = e^h for the Frobenius cost: c_ij = J_ij^2 e^{2 (h_j - h_i)}.
    func relativeImbalance(logScales h: [Double]? = nil) -> Double {
        var incoming = [Double](repeating: 0, count: neurons)
        var outgoing = [Double](repeating: 0, count: neurons)
        var total = 0.0
        for i in 0..<neurons {
            var rowSum = 0.0
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(columnIndex[k])
                var c = values[k] * values[k]
                if let h { c *= Foundation.exp(2 * (h[j] - h[i])) }
                rowSum += c
                outgoing[j] += c
            }
            incoming[i] = rowSum
            total += rowSum
        }
        var norm = 0.0
        for i in 0..<neurons { norm += (incoming[i] - outgoing[i]) * (incoming[i] - outgoing[i]) }
        return norm.squareRoot() / total
    }
}
