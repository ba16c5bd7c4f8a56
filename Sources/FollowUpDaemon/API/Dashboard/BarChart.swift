import FollowUpNotify

/// A horizontal bar chart as inline SVG: one labelled bar per value, scaled
/// to the largest, with the value printed after the bar. Horizontal bars keep
/// long rep and source names readable on a phone.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        /// Printed after the bar (`12`, `87.5% (7/8)`).
        var text: String
        /// CSS class of this bar alone (a red, amber or green SLA), else the chart's `tone`.
        var tone: String? = nil
    }

    var title: String
    var bars: [Bar]
    /// The largest value the bars are scaled to (nil: the largest bar).
    var scale: Int?
    /// CSS class that colours the bars.
    var tone: String = "bar"
    /// At most this many bars are drawn (the first ones: callers sort most important first).
    var limit = 12
    /// A target drawn as a dashed line across the bars (in the bars' units), labelled `goalText`.
    var goal: Int? = nil
    var goalText = ""

    private static let rowHeight = 24, labelWidth = 112, barWidth = 170, width = 400

    /// The `<svg>` element, or a sentence when there is nothing to draw.
    var svg: String {
        guard !bars.isEmpty else { return "<p class=\"empty\">No data in this window.</p>" }
        let shown = Array(bars.prefix(limit))
        let height = shown.count * Self.rowHeight + 8 + (goal == nil ? 0 : 14)
        let top = max(scale ?? 0, shown.map(\.value).max() ?? 0, 1)
        var s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.width) \(height)\" "
            + "preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title>\(HTMLText.escaped(title))</title>"
        for (i, bar) in shown.enumerated() {
            let y = 4 + i * Self.rowHeight
            let w = bar.value <= 0 ? 0 : max(2, bar.value * Self.barWidth / top)
            let label = bar.label.count > 14 ? String(bar.label.prefix(13)) + "…" : bar.label
            s += "<g><title>\(HTMLText.escaped(bar.label)): \(HTMLText.escaped(bar.text))</title>"
            s += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(y + 16)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escaped(label))</text>"
            s += "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(Self.rowHeight - 8)\" rx=\"3\" class=\"\(bar.tone ?? tone)\"/>"
            s += "<text x=\"\(Self.labelWidth + w + 6)\" y=\"\(y + 16)\" class=\"value\">\(HTMLText.escaped(bar.text))</text></g>"
        }
        if let goal {
            let x = Self.labelWidth + max(0, goal) * Self.barWidth / top
            s += "<line class=\"goal\" x1=\"\(x)\" y1=\"2\" x2=\"\(x)\" y2=\"\(height - 14)\"/>"
            s += "<text class=\"goal-label\" x=\"\(x)\" y=\"\(height - 2)\" text-anchor=\"middle\">\(HTMLText.escaped(goalText))</text>"
        }
        s += "</svg>"
        if bars.count > shown.count { s += "<p class=\"empty\">and \(bars.count - shown.count) more</p>" }
        return s
    }
}
