import Foundation

/// A line chart with one or more series, linear or logarithmic axes, ticks, labels and a legend.
/// Non-finite points and, on a log axis, non-positive values are skipped (never drawn as garbage).
package struct LinePlot: Sendable {
    package struct Series: Sendable {
        package var label: String
        package var points: [(x: Double, y: Double)]
        package var color: String
        package var dashed: Bool
        package var markers: Bool
        /// Half-widths of vertical error bars, one per point (nil: none).
        package var errors: [Double]?

        package init(label: String, points: [(x: Double, y: Double)], color: String, dashed: Bool = false, markers: Bool = false,
                     errors: [Double]? = nil) {
            self.label = label
            self.points = points
            self.color = color
            self.dashed = dashed
            self.markers = markers
            self.errors = errors
        }
    }

    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var logX = false
    package var logY = false
    package var series: [Series] = []

    package init(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.logY = logY
    }

    /// A palette of distinguishable colours.
    package static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// Draws this plot into `svg` inside the rectangle (`left`, `top`, `width`, `height`).
    func draw(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
        let plotLeft = left + 70, plotRight = left + width - 20
        let plotTop = top + 34, plotBottom = top + height - 48
        svg.text(title, x: left + width / 2, y: top + 20, size: 15, anchor: .middle, weight: "bold")

        func usable(_ p: (x: Double, y: Double)) -> Bool {
            p.x.isFinite && p.y.isFinite && (!logX || p.x > 0) && (!logY || p.y > 0)
        }
        let points = series.flatMap { $0.points.filter(usable) }
        guard !points.isEmpty else {
            svg.text("(no finite data to plot)", x: left + width / 2, y: top + height / 2, anchor: .middle)
            return
        }
        let tx: (Double) -> Double = { self.logX ? log10($0) : $0 }
        let ty: (Double) -> Double = { self.logY ? log10($0) : $0 }
        var (x0, x1) = (points.map { tx($0.x) }.min()!, points.map { tx($0.x) }.max()!)
        var (y0, y1) = (points.map { ty($0.y) }.min()!, points.map { ty($0.y) }.max()!)
        if x1 - x0 < 1e-300 { x0 -= 0.5; x1 += 0.5 }
        if y1 - y0 < 1e-300 * max(1, abs(y0)) { let pad = max(abs(y0) * 0.1, 0.5); y0 -= pad; y1 += pad }
        if logY { y0 = floor(y0); y1 = ceil(y1) } else { let pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad }
        if logX { x0 = floor(x0); x1 = ceil(x1) }
        let sx: (Double) -> Double = { plotLeft + (tx($0) - x0) / (x1 - x0) * (plotRight - plotLeft) }
        let sy: (Double) -> Double = { plotBottom - (ty($0) - y0) / (y1 - y0) * (plotBottom - plotTop) }

        // Axes, grid and ticks.
        svg.rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop, fill: "#fafafa", stroke: "#999")
        for (value, label) in LinePlot.ticks(from: y0, to: y1, log: logY) {
            let y = plotBottom - (value - y0) / (y1 - y0) * (plotBottom - plotTop)
            svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: "#e3e3e3")
            svg.text(label, x: plotLeft - 6, y: y + 4, size: 11, anchor: .end)
        }
        for (value, label) in LinePlot.ticks(from: x0, to: x1, log: logX) {
            let x = plotLeft + (value - x0) / (x1 - x0) * (plotRight - plotLeft)
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: "#e3e3e3")
            svg.text(label, x: x, y: plotBottom + 16, size: 11, anchor: .middle)
        }
        svg.text(xLabel, x: (plotLeft + plotRight) / 2, y: plotBottom + 36, size: 12, anchor: .middle)
        svg.text(yLabel, x: left + 16, y: (plotTop + plotBottom) / 2, size: 12, anchor: .middle, rotate: -90)

        for s in series {
            var visible = s.points.filter(usable).map { (sx($0.x), sy($0.y)) }
            if visible.count > 2000 {
                // Keep the file small: every k-th point (and the last); far below the pixel resolution.
                let k = visible.count / 1000
                visible = visible.enumerated().filter { $0.offset % k == 0 || $0.offset == visible.count - 1 }.map(\.element)
            }
            svg.polyline(visible, stroke: s.color, width: 1.8, dash: s.dashed ? "6 4" : nil)
            if s.markers { for p in visible { svg.circle(x: p.0, y: p.1, radius: 3, fill: s.color) } }
            if let errors = s.errors {
                // y +- e, clipped to the plot (on a log axis a bar reaching 0 or below stops at the bottom).
                for (p, e) in zip(s.points, errors) where usable(p) && e.isFinite && e > 0 {
                    let top = max(plotTop, sy(p.y + e))
                    let low = p.y - e
                    let bottom = (!logY || low > 0) ? min(plotBottom, sy(low)) : plotBottom
                    let x = sx(p.x)
                    svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: s.color, width: 1.2)
                    svg.line(x1: x - 4, y1: top, x2: x + 4, y2: top, stroke: s.color, width: 1.2)
                    svg.line(x1: x - 4, y1: bottom, x2: x + 4, y2: bottom, stroke: s.color, width: 1.2)
                }
            }
        }
        // Legend (top right) on a translucent box so that it stays readable over the curves.
        let labelled = series.filter { !$0.label.isEmpty }
        if !labelled.isEmpty {
            let boxWidth = min(plotRight - plotLeft - 8, 40 + 6.3 * Double(labelled.map(\.label.count).max()!))
            let boxHeight = Double(labelled.count) * 16 + 6
            // The corner whose box covers the fewest plotted points.
            let drawn = series.flatMap { $0.points.filter(usable).map { (sx($0.x), sy($0.y)) } }
            let corners = [(plotRight - boxWidth - 4, plotTop + 4), (plotLeft + 4, plotTop + 4),
                           (plotRight - boxWidth - 4, plotBottom - boxHeight - 4), (plotLeft + 4, plotBottom - boxHeight - 4)]
            let (boxLeft, boxTop) = corners.min { a, b in
                func covered(_ c: (Double, Double)) -> Int {
                    drawn.filter { $0.0 >= c.0 - 4 && $0.0 <= c.0 + boxWidth + 4 && $0.1 >= c.1 - 4 && $0.1 <= c.1 + boxHeight + 4 }.count
                }
                return covered(a) < covered(b)
            }!
            svg.raw("<rect x=\"\(SVGDocument.format(boxLeft))\" y=\"\(SVGDocument.format(boxTop))\" width=\"\(SVGDocument.format(boxWidth))\" height=\"\(SVGDocument.format(boxHeight))\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>")
            var legendY = boxTop + 14
            for s in labelled {
                svg.line(x1: boxLeft + 6, y1: legendY - 4, x2: boxLeft + 30, y2: legendY - 4, stroke: s.color, width: 2.5, dash: s.dashed ? "6 4" : nil)
                svg.text(s.label, x: boxLeft + 36, y: legendY, size: 11)
                legendY += 16
            }
        }
    }

    /// Tick positions (in transformed coordinates) and labels: decades on log axes, round numbers on
    /// linear axes.
    static func ticks(from a: Double, to b: Double, log: Bool) -> [(Double, String)] {
        if log {
            let lo = Int(a.rounded(.up)), hi = Int(b.rounded(.down))
            guard hi >= lo else { return [] }
            let step = max(1, (hi - lo + 7) / 8)
            return stride(from: lo, through: hi, by: step).map { (Double($0), "1e\($0)") }
        }
        let span = b - a
        let raw = span / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var ticks: [(Double, String)] = []
        var v = (a / step).rounded(.up) * step
        while v <= b + step * 1e-9 {
            let value = abs(v) < step * 1e-9 ? 0 : v
            ticks.append((value, LinePlot.label(value)))
            v += step
        }
        return ticks
    }

    static func label(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e4 || abs(v) < 1e-3 { return String(format: "%.1e", v) }
        var s = String(format: "%.4g", v)
        if s.contains("e") { s = String(format: "%.3f", v) }
        return s
    }

    /// A standalone SVG of this plot.
    package func svg(width: Double = 640, height: Double = 400) -> String {
        var doc = SVGDocument(width: width, height: height)
        draw(into: &doc, left: 0, top: 0, width: width, height: height)
        return doc.text
    }

    /// Several plots side by side in one SVG.
    package static func svg(panels: [LinePlot], panelWidth: Double = 560, height: Double = 400) -> String {
        var doc = SVGDocument(width: panelWidth * Double(panels.count), height: height)
        for (k, panel) in panels.enumerated() {
            panel.draw(into: &doc, left: panelWidth * Double(k), top: 0, width: panelWidth, height: height)
        }
        return doc.text
    }
}
