import Foundation

/// Heat maps of synaptic cost matrices side by side (e.g. before and after balancing), on one
/// shared logarithmic colour scale so that panels are comparable. Zero entries are drawn white.
package struct HeatMapPlot: Sendable {
    package struct Panel: Sendable {
        package var title: String
        /// Row-major values (row i = synapses into neuron i).
        package var rows: Int
        package var columns: Int
        package var values: [Double]

        package init(title: String, rows: Int, columns: Int, values: [Double]) {
            self.title = title
            self.rows = rows
            self.columns = columns
            self.values = values
        }
    }

    package var title: String
    package var panels: [Panel]
    package var colorbarLabel: String

    package init(title: String, panels: [Panel], colorbarLabel: String = "log10 synaptic cost c_ij") {
        self.title = title
        self.panels = panels
        self.colorbarLabel = colorbarLabel
    }

    /// Viridis-like colour ramp: t in [0, 1] to an RGB hex colour.
    static func color(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let x = min(max(t, 0), 1) * Double(stops.count - 1)
        let k = min(Int(x), stops.count - 2)
        let f = x - Double(k)
        let a = stops[k], b = stops[k + 1]
        let r = Int((a.0 + (b.0 - a.0) * f).rounded()), g = Int((a.1 + (b.1 - a.1) * f).rounded()), bl = Int((a.2 + (b.2 - a.2) * f).rounded())
        return String(format: "#%02x%02x%02x", r, g, bl)
    }

    /// The SVG text.
    package func svg(panelSize: Double = 320) -> String {
        let margin = 40.0, gap = 30.0, top = 60.0
        let width = margin * 2 + Double(panels.count) * panelSize + Double(max(0, panels.count - 1)) * gap + 150
        let height = top + panelSize + 50
        var doc = SVGDocument(width: width, height: height)
        doc.text(title, x: width / 2, y: 24, size: 16, anchor: .middle, weight: "bold")
        let logs = panels.flatMap { $0.values.filter { $0 > 0 && $0.isFinite }.map { log10($0) } }
        // Colour range: from the 1st percentile (a few tiny costs would otherwise wash out the map;
        // lower values are drawn in the darkest colour) to the maximum.
        let sorted = logs.sorted()
        let lo = sorted.isEmpty ? 0 : sorted[Int(Double(sorted.count - 1) * 0.01)]
        let hi = max(sorted.last ?? 1, lo + 1e-9)
        for (p, panel) in panels.enumerated() {
            let x0 = margin + Double(p) * (panelSize + gap)
            doc.text(panel.title, x: x0 + panelSize / 2, y: top - 10, size: 13, anchor: .middle)
            let cell = panelSize / Double(max(panel.rows, panel.columns, 1))
            for i in 0..<panel.rows {
                for j in 0..<panel.columns {
                    let v = panel.values[i * panel.columns + j]
                    let fill = (v > 0 && v.isFinite) ? HeatMapPlot.color((log10(v) - lo) / (hi - lo)) : "#ffffff"
                    // Tooltips only for small matrices (they dominate the file size otherwise).
                    doc.rect(x: x0 + Double(j) * cell, y: top + Double(i) * cell, width: cell, height: cell, fill: fill,
                             title: panel.rows * panel.columns <= 1024 ? "c[\(i)][\(j)] = \(v)" : nil)
                }
            }
            doc.rect(x: x0, y: top, width: cell * Double(panel.columns), height: cell * Double(panel.rows), fill: "none", stroke: "#555")
            doc.text("presynaptic j", x: x0 + panelSize / 2, y: top + panelSize + 20, size: 11, anchor: .middle)
            doc.text("postsynaptic i", x: x0 - 8, y: top + panelSize / 2, size: 11, anchor: .middle, rotate: -90)
        }
        // Colour bar.
        let barX = width - margin - 90, steps = 50
        for k in 0..<steps {
            let t = Double(k) / Double(steps - 1)
            doc.rect(x: barX, y: top + panelSize * (1 - Double(k + 1) / Double(steps)), width: 14, height: panelSize / Double(steps) + 0.5, fill: HeatMapPlot.color(t))
        }
        doc.text(LinePlot.label(hi), x: barX + 18, y: top + 10, size: 10)
        doc.text((sorted.first ?? lo) < lo ? "<= " + LinePlot.label(lo) : LinePlot.label(lo), x: barX + 18, y: top + panelSize, size: 10)
        doc.text(colorbarLabel, x: barX + 7, y: top + panelSize + 20, size: 10, anchor: .middle)
        return doc.text
    }
}
