import FollowUpCore
import FollowUpReports
import FollowUpNotify

/// The dashboard's "Revenue and ROI by source" card: per source, leads, wins,
/// revenue, cost over the page's window, cost per lead, cost per win and ROI
/// (docs/reports.md). A figure with nothing to divide by, or that needs a cost
/// the config does not give, is `—`. Source names come from events: escaped.
struct SourceReturnSection {
    /// The report's sources (``Report/sources``), most won first.
    var sources: [SourceConversion]

    static let headings = ["Leads", "Won", "Revenue", "Cost", "Cost per lead", "Cost per win", "ROI"]

    var html: String {
        var s = "<section class=\"card wide\" id=\"source-return\"><h2>Revenue and ROI by source</h2>"
        guard !sources.isEmpty else { return s + "<p class=\"empty\">No data in this window.</p></section>" }
        s += "<div class=\"scroll\"><table><thead><tr><th>Source</th>"
        for heading in Self.headings { s += "<th class=\"n\">\(HTMLText.escaped(heading))</th>" }
        s += "</tr></thead><tbody>"
        for source in sources {
            let money = source.money
            let cells = [String(source.leads), String(source.won), money.revenue.description, Self.shown(money.cost),
                         Self.shown(money.costPerLead(leads: source.leads)), Self.shown(money.costPerWin(won: source.won)),
                         Self.percent(money.roiText)]
            s += "<tr><td>\(HTMLText.escaped(source.source))</td>"
            for cell in cells { s += "<td class=\"n\">\(HTMLText.escaped(cell))</td>" }
            s += "</tr>"
        }
        s += "</tbody></table></div>"
        s += "<p class=\"empty\">Cost: each source's <code>cost_per_month</code>, prorated over the window. "
            + "ROI = (revenue − cost) ÷ cost. — : no cost configured, or nothing to divide by.</p>"
        return s + "</section>"
    }

    static func shown(_ amount: Amount?) -> String { amount?.description ?? "—" }

    /// `1.50` → `150%`; `—` for none.
    static func percent(_ ratio: String?) -> String {
        guard let ratio else { return "—" }
        let negative = ratio.hasPrefix("-")
        let digits = ratio.filter(\.isNumber)
        let value = Int(digits) ?? 0
        return (negative ? "-" : "") + "\(value)%"
    }
}
