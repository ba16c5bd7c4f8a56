/// A horizontal bar chart as inline SVG: one labelled bar per value, scaled
/// to the largest, with the value printed after the bar. Horizontal bars keep
/// long rep and source names readable on a phone.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        /// Printed after the bar (`12`, `87.5% (7/8)`).
        var text: String
    }

    var title: String
    var bars: [Bar]
    /// The largest value the bars are scaled to (nil: the largest bar).
    var scale: Int?
    /// CSS class that colours the bars.
    var tone: String = "bar"

    private static let rowHeight = 26, labelWidth = 130, barWidth = 250, width = 470

    /// The `<svg>` element, or a sentence when there is nothing to draw.
    var svg: String {
        guard !bars.isEmpty else { return "<p class=\"empty\">No data in this window.</p>" }
        let height = bars.count * Self.rowHeight + 8
        let top = max(scale ?? 0, bars.map(\.value).max() ?? 0, 1)
        var s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.width) \(height)\" "
            + "preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title>\(HTMLText.escape(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = 4 + i * Self.rowHeight
            let w = bar.value <= 0 ? 0 : max(2, bar.value * Self.barWidth / top)
            let label = bar.label.count > 18 ? String(bar.label.prefix(17)) + "…" : bar.label
            s += "<g><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.text))</title>"
            s += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escape(label))</text>"
            s += "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(Self.rowHeight - 8)\" rx=\"3\" class=\"\(tone)\"/>"
            s += "<text x=\"\(Self.labelWidth + w + 6)\" y=\"\(y + 17)\" class=\"value\">\(HTMLText.escape(bar.text))</text></g>"
        }
        return s + "</svg>"
    }
}
