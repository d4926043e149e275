import ArgumentParser
import Foundation
import NetworkFiles
import SynapticBalancing

/// `sbal fig5`: the relaxation after one potentiated synapse (the paper's Fig 5).
package struct Fig5Command: SbalSubcommand {
    package static let configuration = CommandConfiguration(
        commandName: "fig5",
        abstract: "Reproduce Fig 5: relaxation of a ring of 12 neurons after one synapse j -> i is potentiated.",
        discussion: "Checks the paper's predictions (signs of the changes around i and j, slower distant synapses, Laplacian-mode linearisation). Exit code 1 if one fails."
    )

    @Option(help: "Network file; default: the ring of Examples/ring12.json built in.")
    package var network: String?

    @Option(help: "Flow time to integrate.")
    package var time: Double = 8

    @Option(help: "RK4 step.")
    package var step: Double = 1e-3

    @Option(help: "Write an SVG: synaptic costs A-H over time and the projections of h on the Laplacian modes.")
    package var svg: String?

    @Flag(help: "Print JSON.")
    package var json = false

    @OptionGroup package var inputOptions: InputFileOptions

    package init() {}

    package func validate() throws {
        guard time > 0, time.isFinite else { throw ValidationError("--time must be positive") }
        guard step > 0, step < time else { throw ValidationError("--step must be positive and below --time") }
        guard time / step <= 10_000_000 else { throw ValidationError("--time / --step must be at most 10000000 RK4 steps") }
    }

    /// The ring of Fig 5: 12 neurons, each reciprocally connected to both neighbours with |J| = 1/4
    /// and alpha = 16 (all costs 1), synapse 0 -> 1 potentiated to J = 1/2 (cost 4).
    package static func ring(neurons n: Int = 12, potentiatedCost: Double = 4) throws -> (DenseMatrix, CostModel) {
        var j = DenseMatrix(rows: n, columns: n)
        for k in 0..<n {
            j[k, (k + 1) % n] = 0.25
            j[k, (k + n - 1) % n] = 0.25
        }
        j[1, 0] = 0.25 * potentiatedCost.squareRoot()
        let alpha = try DenseMatrix(rows: n, columns: n, elements: Array(repeating: 16, count: n * n))
        return (j, try CostModel(exponent: 2, weighting: .full(alpha)))
    }

    struct Output: Codable {
        struct Synapse: Codable { var label: String; var role: String; var post: Int; var pre: Int; var initialCost: Double; var finalCost: Double; var halfTime: Double }
        struct Check: Codable { var name: String; var detail: String; var holds: Bool }
        var potentiated: [Int]
        var synapses: [Synapse]
        var checks: [Check]
        var slowEigenvalue: Double
        var measuredLateRate: Double
    }

    package func execute(_ console: Console) throws -> Int32 {
        try CommandSupport.requireWritable([(svg, "--svg")])
        let weights: DenseMatrix, cost: CostModel
        if let network {
            let document = try CommandSupport.readNetwork(network, inputOptions)
            weights = try CommandSupport.floatNetwork(document, path: network).recurrentWeights
            cost = try document.costModel() ?? CostModel(exponent: 2, weighting: .uniform)
        } else {
            (weights, cost) = try Fig5Command.ring()
        }
        let r = try RingRelaxation.analyse(weights: weights, cost: cost, duration: time, step: step)
        if let svg { try CommandSupport.write(text: Fig5Command.plot(r), to: svg) }
        if json {
            let out = Output(potentiated: [r.potentiatedPost, r.potentiatedPre],
                             synapses: r.synapses.map { .init(label: $0.label, role: $0.role, post: $0.post, pre: $0.pre, initialCost: $0.initialCost, finalCost: $0.finalCost, halfTime: $0.halfTime) },
                             checks: r.checks.map { .init(name: $0.name, detail: $0.detail, holds: $0.holds) },
                             slowEigenvalue: r.slowEigenvalue, measuredLateRate: r.measuredLateRate)
            console.out(try CommandSupport.json(out))
        } else {
            console.out("potentiated synapse A: j = \(r.potentiatedPre) -> i = \(r.potentiatedPost); flow dh/dt = g integrated with RK4 to t = \(format(time))")
            console.out("")
            console.out(CommandSupport.table(["synapse", "role", "from -> to", "cost at t=0", "equilibrium", "half-way time"],
                                             r.synapses.map { [$0.label, $0.role, "\($0.pre) -> \($0.post)", format($0.initialCost), format($0.finalCost), format($0.halfTime)] }))
            console.out("")
            for c in r.checks { console.out("\(c.holds ? "[ok]    " : "[FAILED]") \(c.name): \(c.detail)") }
        }
        return r.allHold ? SbalExitCode.ok : SbalExitCode.checkFailed
    }

    /// Two panels: costs of A-H against time (log time axis), projections on L0 modes vs prediction.
    static func plot(_ r: RingRelaxation) -> String {
        // About 400 samples, evenly spaced in log time (the axis is logarithmic).
        var keep: [Int] = []
        if let first = r.times.firstIndex(where: { $0 > 0 }), let last = r.times.last, last > r.times[first] {
            let (a, b) = (log(r.times[first]), log(last))
            var k = first
            for m in 0...400 {
                let target = exp(a + (b - a) * Double(m) / 400)
                while k < r.times.count - 1 && r.times[k] < target { k += 1 }
                if keep.last != k { keep.append(k) }
            }
        }
        func sampled(_ values: [Double]) -> [(x: Double, y: Double)] { keep.map { (r.times[$0], values[$0]) } }
        var costs = LinePlot(title: "Synaptic costs after potentiating A (j -> i)", xLabel: "flow time t", yLabel: "cost c", logX: true)
        for (k, s) in r.synapses.enumerated() {
            costs.series.append(.init(label: "\(s.label): \(s.role)", points: sampled(s.costs),
                                      color: LinePlot.palette[k % LinePlot.palette.count], dashed: s.label == "G" || s.label == "H"))
        }
        var modes = LinePlot(title: "h on Laplacian modes of L0: actual (solid), linear (dashed)", xLabel: "flow time t", yLabel: "v_k . h(t)", logX: true)
        let excited = r.modes.enumerated().sorted { abs($0.element.predicted.last ?? 0) > abs($1.element.predicted.last ?? 0) }.prefix(4)
        for (rank, (_, mode)) in excited.enumerated() {
            let color = LinePlot.palette[(rank + 4) % LinePlot.palette.count]
            modes.series.append(.init(label: "lambda = \(format(mode.eigenvalue))", points: sampled(mode.projection), color: color))
            modes.series.append(.init(label: "", points: sampled(mode.predicted), color: color, dashed: true))
        }
        return LinePlot.svg(panels: [costs, modes], panelWidth: 620, height: 440)
    }
}
