import FollowUpNotify
import FollowUpCore
import FollowUpReports

/// The dashboard's people-and-routing card: per rep and in total, step 1
/// offered and accepted (with the share and the median time to accept),
/// declines that moved a lead, moves because an owner left and leads merged
/// away; then the load of each team now (leads in cadence). Offers and
/// declines sit in the row of the rep offered the lead, not of its owner now
/// (docs/reports.md), so a manager sees who sits on leads.
struct PeopleAndRoutingTable {
    var groups: [GroupFigures]
    var total: GroupFigures
    /// Reps by name, not id.
    var names: RepNames
    var teamLoad: [ReportBucket]

    static let headings = ["Offered", "Accepted", "Median time to accept", "Declined", "Moved when owner left",
                           "Merged away"]

    var html: String {
        var s = "<section class=\"card wide\" id=\"people-and-routing\"><h2>Acceptance and routing</h2>"
        if total.offered + total.declines + total.movedByDeactivation + total.merges == 0 {
            s += "<p class=\"empty\">No lead was offered in this window.</p>"
        } else {
            s += "<div class=\"scroll\"><table><thead><tr><th>Rep</th>"
            for heading in Self.headings { s += "<th class=\"n\">\(HTMLText.escaped(heading))</th>" }
            s += "</tr></thead><tbody>"
            for group in groups { s += Self.row(names.name(of: group.key), group, css: nil) }
            s += Self.row("Total", total, css: "total")
            s += "</tbody></table></div>"
        }
        s += "<h3>Load by team now</h3>"
        if teamLoad.isEmpty { return s + "<p class=\"empty\">No lead is in cadence.</p></section>" }
        s += "<div class=\"scroll\"><table id=\"team-load\"><thead><tr><th>Team</th><th class=\"n\">Leads in cadence</th></tr></thead><tbody>"
        for load in teamLoad {
            s += "<tr><td>\(HTMLText.escaped(load.label))</td><td class=\"n\">\(load.count)</td></tr>"
        }
        return s + "</tbody></table></div></section>"
    }

    static func row(_ label: String, _ f: GroupFigures, css: String?) -> String {
        let accepted = f.acceptanceRatio.percentText.map { "\(f.accepted) (\($0)%)" } ?? String(f.accepted)
        let cells = [String(f.offered), accepted, DashboardPage.duration(f.timeToAcceptMedian),
                     String(f.declines), String(f.movedByDeactivation), String(f.merges)]
        var s = css.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        s += "<td>\(HTMLText.escaped(label))</td>"
        for cell in cells { s += "<td class=\"n\">\(HTMLText.escaped(cell))</td>" }
        return s + "</tr>"
    }
}
