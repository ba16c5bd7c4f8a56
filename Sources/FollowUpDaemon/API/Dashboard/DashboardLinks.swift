import FollowUpCore
import FollowUpNotify

/// Where the dashboard's links go: a lead to the CRM (`lead_url`) or else to
/// its record in the API, and the dashboard itself with other filters. The
/// `?token=` the page was opened with travels on each link, since a browser
/// cannot send a header (it is a read token: nothing else is accepted in a URL).
struct DashboardLinks: Sendable {
    var leadURL: LeadLink?
    var token: String?
    var query: DashboardQuery

    /// The lead in the CRM when `lead_url` is configured, else `/v1/leads/ID`.
    func lead(_ id: String) -> String {
        if let leadURL { return leadURL.url(for: id) }
        return "/v1/leads/\(Self.queryEncoded(id))" + (token.map { "?token=\(Self.queryEncoded($0))" } ?? "")
    }

    /// This dashboard narrowed to one rep (the other filters and the window kept).
    func dashboard(rep: RepID) -> String {
        var changed = query
        changed.rep = rep
        return dashboard(changed)
    }

    /// The dashboard with `query`'s filters, window and refresh.
    func dashboard(_ query: DashboardQuery) -> String {
        var pairs: [(String, String)] = []
        if let team = query.team { pairs.append(("team", team)) }
        if let rep = query.rep { pairs.append(("rep", rep)) }
        if let source = query.source { pairs.append(("source", source)) }
        if let since = query.since { pairs.append(("since", RFC3339.format(since))) }
        if let until = query.until { pairs.append(("until", RFC3339.format(until))) }
        if let refresh = query.refresh { pairs.append(("refresh", String(refresh))) }
        if let token { pairs.append(("token", token)) }
        return "/dashboard" + (pairs.isEmpty ? "" : "?" + pairs.map { "\($0.0)=\(Self.queryEncoded($0.1))" }.joined(separator: "&"))
    }

    static func queryEncoded(_ text: String) -> String { LeadLink.encoded(text) }
}
