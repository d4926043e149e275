import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SbalCommands
import TestSupport

@Suite("SVG plots")
struct PlotTests {
    static func wellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test("line plots and heat maps are well-formed SVG, with escaped text and no NaN coordinates")
    func wellFormedOutput() {
        var plot = LinePlot(title: "a <b> & \"c\"", xLabel: "x", yLabel: "y", logY: true)
        plot.series.append(.init(label: "with NaN, zero and negative values", points: [(0, 1), (1, .nan), (2, 0), (3, -1), (4, 1e-3)], color: "#000"))
        let svg = plot.svg()
        #expect(Self.wellFormed(svg))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"))
        let empty = LinePlot(title: "empty", xLabel: "x", yLabel: "y", logY: true).svg()
        #expect(Self.wellFormed(empty) && empty.contains("no finite data"))
        let heat = HeatMapPlot(title: "costs", panels: [.init(title: "before", rows: 2, columns: 2, values: [0, 1, 2, .infinity])]).svg()
        #expect(Self.wellFormed(heat))
    }

    @Test("the shipped plots in Examples/plots are well-formed SVG")
    func shippedPlots() throws {
        let directory = repositoryRoot + "/Examples/plots"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".svg") }
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(Self.wellFormed(text), "\(name)")
        }
    }
}
