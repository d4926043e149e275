import Foundation

/// A minimal SVG writer: elements are appended as text; attribute values are escaped.
struct SVGDocument {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Formats a coordinate compactly (two decimals).
    static func format(_ v: Double) -> String { String(format: "%.2f", v) }

    mutating func raw(_ element: String) { body.append(element) }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000", width: Double = 1, dash: String? = nil) {
        let f = SVGDocument.format
        body.append("<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        let f = SVGDocument.format
        let tooltip = title.map { "<title>\(SVGDocument.escape($0))</title>" } ?? ""
        let strokeAttribute = stroke.map { " stroke=\"\($0)\" stroke-width=\"0.5\"" } ?? ""
        if tooltip.isEmpty {
            body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill)\"\(strokeAttribute)/>")
        } else {
            body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill)\"\(strokeAttribute)>\(tooltip)</rect>")
        }
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil) {
        guard !points.isEmpty else { return }
        let f = SVGDocument.format
        let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") stroke-linejoin=\"round\"/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String = "none") {
        let f = SVGDocument.format
        body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, weight: String = "normal", rotate: Double? = nil, fill: String = "#222") {
        let f = SVGDocument.format
        let transform = rotate.map { " transform=\"rotate(\(f($0)) \(f(x)) \(f(y)))\"" } ?? ""
        body.append("<text x=\"\(f(x))\" y=\"\(f(y))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"\(f(size))\" text-anchor=\"\(anchor.rawValue)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGDocument.escape(content))</text>")
    }

    /// The complete SVG file text.
    var text: String {
        let f = SVGDocument.format
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))">
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }
}
