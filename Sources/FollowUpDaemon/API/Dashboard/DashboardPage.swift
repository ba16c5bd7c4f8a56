import FollowUpCore
import FollowUpReports
import FollowUpNotify
import FollowUpRules

/// `GET /dashboard`: one self-contained page (inline CSS and SVG, no script,
/// no external assets) that shows a sales manager whether leads are followed
/// up: against the SLA targets of `dashboard:` (goal line, red/amber/green),
/// reps by name, times on the reader's clock with the zone named, filters by
/// team, rep, source and window, rows linking to the lead. Every lead, rep
/// and source string is HTML-escaped with ``HTMLText``.
struct DashboardPage {
    var report: Report
    var overdue: [LeadState]
    /// Whether more overdue leads exist than are listed.
    var moreOverdue: Bool
    var rules: Rules
    var clock: ReaderClock
    var targets: DashboardConfig
    var names: RepNames
    var links: DashboardLinks
    var form: DashboardFilterForm
    /// Connect rate of calls by the lead's local weekday and hour, for the heat map.
    var callHours: CallHours

    var now: Instant { clock.now }

    var html: String {
        let t = report.total
        var body = "<header><h1>Lead follow-up</h1><p class=\"window\">Leads captured "
        body += report.window.since.map { "from \(HTMLText.escaped(Self.day($0, clock))) " } ?? ""
        body += report.window.until.map { "until \(HTMLText.escaped(Self.day($0 - TimeSpan(seconds: 1), clock))) " } ?? "until now "
        body += "· as of \(HTMLText.escaped(clock.clockTime(now))) · times in <span id=\"zone\">\(HTMLText.escaped(clock.zoneName))</span>"
        if let refresh = links.query.refresh { body += " · reloads every \(HTMLText.escaped(ReadableDuration.text(seconds: Double(refresh))))" }
        body += "</p></header>"
        body += form.html

        let sla = t.slaMetRatio
        body += "<section class=\"tiles\">"
        body += Self.tile("Leads", String(t.leads))
        body += Self.tile("First touch within SLA", sla.percentText.map { "\($0)%" } ?? "–",
                          "\(t.slaMet) of \(t.slaMet + t.slaMissed) · goal \(DashboardConfig.percentText(targets.slaGoal))",
                          tone: Self.percent(sla).map { targets.tone(ofPercent: $0).rawValue }, id: "sla-tile")
        body += Self.tile("Speed to lead (median)", Self.duration(t.speedToLeadMedian), "p90 \(Self.duration(t.speedToLeadP90))")
        body += Self.tile("Never touched", String(t.neverTouched))
        body += Self.tile("Dropped after one touch", String(t.droppedAfterOneTouch))
        body += Self.tile("Won", String(t.won), "lost \(t.lost) · engaged \(t.engaged)")
        body += "</section><section class=\"grid\">"

        let goal = Int((targets.slaGoal * 10).rounded()), goalText = "goal \(DashboardConfig.percentText(targets.slaGoal))"
        body += Self.card("First-touch SLA by rep", id: "sla-by-rep", BarChart(
            title: "Share of each rep's leads first touched within the SLA, against the goal",
            bars: report.groups.filter { $0.slaMet + $0.slaMissed > 0 }.map { g in
                .init(label: names.name(of: g.key), value: Self.permille(g.slaMetRatio),
                      text: "\(g.slaMetRatio.percentText ?? "–")% (\(g.slaMet)/\(g.slaMet + g.slaMissed))", tone: tone(g.slaMetRatio))
            }, scale: 1000, goal: goal, goalText: goalText))
        body += Self.card("First-touch SLA per week", id: "sla-per-week", BarChart(
            title: "Share of leads first touched within the SLA, by capture week (Monday, UTC), against the goal",
            bars: report.weeks.suffix(26).map { w in
                .init(label: "wk \(w.weekStart)", value: Self.permille(w.ratio),
                      text: "\(w.ratio.percentText ?? "–")% (\(w.met)/\(w.met + w.missed))", tone: tone(w.ratio))
            }, scale: 1000, tone: "bar ok", limit: 26, goal: goal, goalText: goalText))
        body += Self.card("Speed to lead", id: "speed-to-lead", BarChart(
            title: "Speed to lead: leads by time to first touch",
            bars: report.speedToLead.map { .init(label: $0.label, value: $0.count, text: String($0.count)) }))
        body += Self.card("Touches per lead", id: "touches-per-lead", BarChart(
            title: "Leads by number of logged touches",
            bars: report.touchesPerLead.map { .init(label: $0.label == "1" ? "1 touch" : "\($0.label) touches", value: $0.count,
                                                   text: String($0.count)) }))
        body += Self.card("Breaches by rep", id: "breaches-by-rep", BarChart(
            title: "SLA breaches held against each rep",
            bars: report.breachesByRep.map { .init(label: names.name(of: $0.label), value: $0.count, text: String($0.count)) },
            tone: "bar bad"))
        body += Self.card("Conversion by source", id: "conversion-by-source", BarChart(
            title: "Share of each source's leads that were won",
            bars: report.sources.map { s in
                .init(label: s.source, value: s.won * 1000 / max(s.leads, 1),
                      text: "\(s.conversion.percentText ?? "–")% (\(s.won)/\(s.leads))")
            }, scale: 1000, tone: "bar ok"))
        body += "</section>"
        body += FollowThroughTable(groups: report.groups, total: report.total, names: names).html
        body += PeopleAndRoutingTable(groups: report.groups, total: report.total, names: names, teamLoad: report.teamLoad).html
        body += OverdueTable(leads: overdue, more: moreOverdue, rules: rules, clock: clock, names: names, links: links).html
        body += SourceReturnSection(sources: report.sources).html
        body += ConnectRateHeatMap(hours: callHours).html

        let refresh = links.query.refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(refresh)<title>followupd · lead follow-up</title>
            <style>\(Self.css)</style></head>
            <body>\(body)</body></html>

            """
    }

    /// The bar class for a share within the SLA: `bar green`, `bar amber`, `bar red`.
    func tone(_ ratio: Ratio) -> String? {
        Self.percent(ratio).map { "bar \(targets.tone(ofPercent: $0).rawValue)" }
    }

    static func percent(_ ratio: Ratio) -> Double? {
        ratio.denominator > 0 ? Double(ratio.numerator) * 100 / Double(ratio.denominator) : nil
    }

    static func permille(_ ratio: Ratio) -> Int { ratio.numerator * 1000 / max(ratio.denominator, 1) }

    static func tile(_ label: String, _ value: String, _ sub: String? = nil, tone: String? = nil, id: String? = nil) -> String {
        "<div class=\"tile\(tone.map { " \($0)" } ?? "")\"\(id.map { " id=\"\($0)\"" } ?? "")><div class=\"k\">\(HTMLText.escaped(label))</div>"
            + "<div class=\"n\">\(HTMLText.escaped(value))</div>"
            + (sub.map { "<div class=\"s\">\(HTMLText.escaped($0))</div>" } ?? "") + "</div>"
    }

    static func card(_ title: String, id: String, _ chart: BarChart) -> String {
        "<section class=\"card\" id=\"\(id)\"><h2>\(HTMLText.escaped(title))</h2>\(chart.svg)</section>"
    }

    /// The local date on the reader's clock: `2026-12-07`.
    static func day(_ instant: Instant, _ clock: ReaderClock) -> String { clock.zone.local(instant).date.description }

    /// `4 min`, `2 min 30 s`, `2 h 5 min`, `3 d 4 h` (``ReadableDuration``, as `followupctl` says it); `–` for none.
    static func duration(_ span: TimeSpan?) -> String {
        span.map { ReadableDuration.text(seconds: Double($0.seconds)) } ?? "–"
    }
}
