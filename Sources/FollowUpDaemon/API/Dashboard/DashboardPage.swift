import FollowUpNotify
import FollowUpCore

/// `GET /dashboard`: one self-contained page (inline CSS and SVG, no script,
/// no external assets) that shows a sales manager whether leads are followed
/// up. Every lead, rep and source string is HTML-escaped.
struct DashboardPage {
    var report: Report
    var overdue: [LeadState]
    /// Whether more overdue leads exist than are listed.
    var moreOverdue: Bool
    var now: Instant

    var html: String {
        let t = report.total
        var body = "<header><h1>Lead follow-up</h1><p class=\"window\">Leads captured "
        body += report.window.since.map { "from \(Self.day($0)) " } ?? ""
        body += report.window.until.map { "until \(Self.day($0)) " } ?? "until now "
        body += "· as of \(HTMLText.escaped(now.description))</p></header>"

        body += "<section class=\"tiles\">"
        body += Self.tile("Leads", String(t.leads))
        body += Self.tile("First touch within SLA", t.slaMetRatio.percentText.map { "\($0)%" } ?? "–",
                          "\(t.slaMet) of \(t.slaMet + t.slaMissed)")
        body += Self.tile("Speed to lead (median)", Self.duration(t.speedToLeadMedian),
                          "p90 \(Self.duration(t.speedToLeadP90))")
        body += Self.tile("Never touched", String(t.neverTouched))
        body += Self.tile("Dropped after one touch", String(t.droppedAfterOneTouch))
        body += Self.tile("Won", String(t.won), "lost \(t.lost) · engaged \(t.engaged)")
        body += "</section><section class=\"grid\">"

        body += Self.card("Speed to lead", id: "speed-to-lead", BarChart(
            title: "Speed to lead: leads by time to first touch",
            bars: report.speedToLead.map { .init(label: $0.label, value: $0.count, text: String($0.count)) }))
        body += Self.card("First-touch SLA per week", id: "sla-per-week", BarChart(
            title: "Share of leads first touched within the SLA, by capture week (Monday, UTC)",
            bars: report.weeks.suffix(26).map { w in
                .init(label: "wk \(w.weekStart)", value: w.ratio.numerator * 1000 / max(w.ratio.denominator, 1),
                      text: "\(w.ratio.percentText ?? "–")% (\(w.met)/\(w.met + w.missed))")
            }, scale: 1000, tone: "bar ok", limit: 26))
        body += Self.card("Touches per lead", id: "touches-per-lead", BarChart(
            title: "Leads by number of logged touches",
            bars: report.touchesPerLead.map { .init(label: $0.label == "1" ? "1 touch" : "\($0.label) touches", value: $0.count,
                                                   text: String($0.count)) }))
        body += Self.card("Breaches by rep", id: "breaches-by-rep", BarChart(
            title: "SLA breaches held against each rep",
            bars: report.breachesByRep.map { .init(label: $0.label, value: $0.count, text: String($0.count)) },
            tone: "bar bad"))
        body += Self.card("Conversion by source", id: "conversion-by-source", BarChart(
            title: "Share of each source's leads that were won",
            bars: report.sources.map { s in
                .init(label: s.source, value: s.won * 1000 / max(s.leads, 1),
                      text: "\(s.conversion.percentText ?? "–")% (\(s.won)/\(s.leads))")
            }, scale: 1000, tone: "bar ok"))
        body += "</section>"
        body += FollowThroughTable(groups: report.groups, total: report.total).html
        body += PeopleAndRoutingTable(groups: report.groups, total: report.total, teamLoad: report.teamLoad).html

        body += "<section class=\"card wide\" id=\"overdue\"><h2>Overdue now (\(overdue.count)\(moreOverdue ? "+" : ""))</h2>"
        if overdue.isEmpty {
            body += "<p class=\"empty\">Nothing is overdue.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th>Lead</th><th>Owner</th><th>Priority</th><th>Step</th>"
            body += "<th>Deadline</th><th>Late by</th></tr></thead><tbody>"
            for lead in overdue {
                guard let step = lead.step else { continue }
                let who = [lead.profile.name, lead.profile.company].compactMap { $0 }.joined(separator: ", ")
                body += "<tr><td>\(HTMLText.escaped(lead.id))"
                if !who.isEmpty { body += "<br><small>\(HTMLText.escaped(who))</small>" }
                body += "</td><td>\(HTMLText.escaped(lead.owner ?? "(unrouted)"))</td>"
                body += "<td>\(HTMLText.escaped(lead.priority))</td><td>\(step.number)</td>"
                body += "<td>\(HTMLText.escaped(step.deadline.description))</td><td>\(Self.duration(now - step.deadline))</td></tr>"
            }
            body += "</tbody></table></div>"
            if moreOverdue { body += "<p class=\"empty\">Only the first \(overdue.count) are listed: see followupctl leads --overdue.</p>" }
        }
        body += "</section>"

        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>followupd · lead follow-up</title>
            <style>\(Self.css)</style></head>
            <body>\(body)</body></html>

            """
    }

    static let css = """
        :root{--fg:#1d2733;--muted:#5b6b7d;--bg:#f4f6f9;--card:#fff;--bar:#3b6fd8;--ok:#2e8b57;--bad:#c8463b}
        *{box-sizing:border-box}body{margin:0;padding:16px;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.05em;margin:0 0 8px}.window{color:var(--muted);margin:0 0 16px}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
        .tile{background:var(--card);border-radius:8px;padding:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .tile .n{font-size:1.6em;font-weight:600}.tile .k,.tile .s{color:var(--muted);font-size:.85em}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:12px}
        .card{background:var(--card);border-radius:8px;padding:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .wide{margin-top:12px}.chart{width:100%;max-width:520px;height:auto;display:block}
        .label,.value{font-size:13px;fill:var(--fg)}.bar{fill:var(--bar)}.bar.ok{fill:var(--ok)}.bar.bad{fill:var(--bad)}
        .empty{color:var(--muted)}.scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7ee;vertical-align:top}
        th{color:var(--muted);font-weight:600}small{color:var(--muted)}td.n,th.n{text-align:right}tr.total td{font-weight:600}
        @media (max-width:520px){body{padding:10px}.tile .n{font-size:1.3em}}
        """

    static func tile(_ label: String, _ value: String, _ sub: String? = nil) -> String {
        "<div class=\"tile\"><div class=\"k\">\(HTMLText.escaped(label))</div><div class=\"n\">\(HTMLText.escaped(value))</div>"
            + (sub.map { "<div class=\"s\">\(HTMLText.escaped($0))</div>" } ?? "") + "</div>"
    }

    static func card(_ title: String, id: String, _ chart: BarChart) -> String {
        "<section class=\"card\" id=\"\(id)\"><h2>\(HTMLText.escaped(title))</h2>\(chart.svg)</section>"
    }

    static func day(_ instant: Instant) -> String { String(instant.description.prefix(10)) }

    /// `4m`, `2m 30s`, `2h 5m`, `3d 4h`; `–` for none.
    static func duration(_ span: TimeSpan?) -> String {
        guard let s = span?.seconds else { return "–" }
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" + (s % 60 == 0 ? "" : " \(s % 60)s") }
        if s < 86_400 { return "\(s / 3_600)h \(s % 3_600 / 60)m" }
        return "\(s / 86_400)d \(s % 86_400 / 3_600)h"
    }
}
