import FollowUpCore
import FollowUpNotify

/// The dashboard's live overdue list: open leads whose step deadline has
/// passed, most overdue first. Each lead links to the CRM or its record; the
/// owner is named and links to the dashboard narrowed to them; the step says
/// what it asks with its channel; the deadline is on the reader's clock with
/// how late it is. On a phone each row folds into a card (CSS only: every
/// cell carries its column's name in `data-label`), so nothing scrolls sideways.
struct OverdueTable {
    var leads: [LeadState]
    /// Whether more overdue leads exist than are listed.
    var more: Bool
    var rules: Rules
    var clock: ReaderClock
    var names: RepNames
    var links: DashboardLinks

    static let headings = ["Lead", "Owner", "Priority", "Step", "Deadline", "Late by"]

    var html: String {
        var s = "<section class=\"card wide\" id=\"overdue\"><h2>Overdue now (\(leads.count)\(more ? "+" : ""))</h2>"
        guard !leads.isEmpty else { return s + "<p class=\"empty\">Nothing is overdue.</p></section>" }
        s += "<table class=\"cards\"><thead><tr>"
        for heading in Self.headings { s += "<th>\(heading)</th>" }
        s += "</tr></thead><tbody>"
        for lead in leads {
            guard let step = lead.step else { continue }
            s += "<tr>" + cell(0, lead: lead) + cell(1, lead: lead)
            s += "<td data-label=\"Priority\">\(HTMLText.escaped(lead.priority))</td>"
            s += "<td data-label=\"Step\">\(HTMLText.escaped(Self.step(step.number, of: lead, rules: rules)))</td>"
            s += "<td data-label=\"Deadline\">\(HTMLText.escaped(clock.clockTime(step.deadline)))</td>"
            s += "<td data-label=\"Late by\" class=\"late\">\(HTMLText.escaped(clock.distance(to: step.deadline, deadline: true)))</td></tr>"
        }
        s += "</tbody></table>"
        if more { s += "<p class=\"empty\">Only the first \(leads.count) are listed: see followupctl leads --overdue.</p>" }
        return s + "</section>"
    }

    private func cell(_ column: Int, lead: LeadState) -> String {
        if column == 0 {
            let who = [lead.profile.name, lead.profile.company].compactMap { $0 }.joined(separator: ", ")
            var s = "<td data-label=\"Lead\"><a href=\"\(HTMLText.escaped(links.lead(lead.id)))\">\(HTMLText.escaped(lead.id))</a>"
            if !who.isEmpty { s += "<br><small>\(HTMLText.escaped(who))</small>" }
            return s + "</td>"
        }
        guard let owner = lead.owner else { return "<td data-label=\"Owner\">(unrouted)</td>" }
        return "<td data-label=\"Owner\"><a href=\"\(HTMLText.escaped(links.dashboard(rep: owner)))\">"
            + "\(HTMLText.escaped(names.name(of: owner)))</a></td>"
    }

    /// `2 confirmation (email)`: the step's number, what it asks and its channel, as `queue` says it.
    static func step(_ number: Int, of lead: LeadState, rules: Rules) -> String {
        guard let rule = rules.stepRule(number, for: lead) else { return String(number) }
        return "\(number) \(rule.name) (\(rule.channel.rawValue))"
    }
}
