import FollowUpNotify
import FollowUpCore
import FollowUpReports

/// The dashboard's follow-through card: per rep (the lead's owner now) and in
/// total, leads snoozed now, breaches repeated, moves after repeated
/// breaches, check-ins sent and answered, and hot signals. A table, not a
/// chart: six different counts side by side do not share a scale.
struct FollowThroughTable {
    var groups: [GroupFigures]
    var total: GroupFigures
    /// Reps by name, not id.
    var names: RepNames

    static let headings = ["Snoozed now", "Breaches repeated", "Moved after breaches", "Check-ins sent",
                           "Check-ins answered", "Hot signals"]

    var html: String {
        var s = "<section class=\"card wide\" id=\"follow-through\"><h2>Follow-through</h2>"
        guard total.leads > 0 else { return s + "<p class=\"empty\">No data in this window.</p></section>" }
        s += "<div class=\"scroll\"><table><thead><tr><th>Rep</th>"
        for heading in Self.headings { s += "<th class=\"n\">\(HTMLText.escaped(heading))</th>" }
        s += "</tr></thead><tbody>"
        for group in groups { s += Self.row(names.name(of: group.key), group, css: nil) }
        s += Self.row("Total", total, css: "total")
        return s + "</tbody></table></div></section>"
    }

    static func row(_ label: String, _ f: GroupFigures, css: String?) -> String {
        let answered = f.checkInsAnsweredRatio.percentText.map { "\(f.checkInsAnswered) (\($0)%)" } ?? String(f.checkInsAnswered)
        let cells = [String(f.snoozedNow), String(f.breachesRepeated), String(f.movedAfterBreaches),
                     String(f.checkInsSent), answered, String(f.hotSignals)]
        var s = css.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        s += "<td>\(HTMLText.escaped(label))</td>"
        for cell in cells { s += "<td class=\"n\">\(HTMLText.escaped(cell))</td>" }
        return s + "</tr>"
    }
}
