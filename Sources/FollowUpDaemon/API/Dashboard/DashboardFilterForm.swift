import FollowUpCore
import FollowUpNotify

/// The dashboard's filters as a plain GET form (no script): team, rep,
/// source, the capture window as dates on the reader's clock, and how often
/// the page reloads. Submitting it opens `/dashboard?team=…&since=2026-12-09…`,
/// which ``DashboardQuery`` reads.
struct DashboardFilterForm {
    var query: DashboardQuery
    var teams: [String]
    /// Rep ids in roster order, shown by name.
    var reps: [RepID]
    var sources: [String]
    var names: RepNames
    var zone: ZoneRules
    var token: String?

    static let refreshChoices = [(0, "off"), (60, "every minute"), (300, "every 5 min"), (900, "every 15 min")]

    var html: String {
        var s = "<form class=\"filters card\" method=\"get\" action=\"/dashboard\" id=\"filters\">"
        if let token { s += "<input type=\"hidden\" name=\"token\" value=\"\(HTMLText.escaped(token))\">" }
        s += Self.select("team", "Team", selected: query.team, options: teams.map { ($0, $0) })
        s += Self.select("rep", "Rep", selected: query.rep, options: reps.map { ($0, names.name(of: $0)) })
        s += Self.select("source", "Source", selected: query.source, options: sources.map { ($0, $0) })
        let since = query.since.map { zone.local($0).date.description } ?? ""
        // `until` is the end of the day shown: a date filter covers that whole day.
        let until = query.until.map { zone.local($0 - TimeSpan(seconds: 1)).date.description } ?? ""
        s += "<label>From <input type=\"date\" name=\"since\" value=\"\(since)\"></label>"
        s += "<label>To <input type=\"date\" name=\"until\" value=\"\(until)\"></label>"
        let refresh = Self.refreshChoices.map { (String($0.0 == 0 ? "" : String($0.0)), $0.1) }
        s += Self.select("refresh", "Reload", selected: query.refresh.map(String.init), options: refresh, all: nil)
        s += "<button type=\"submit\">Show</button></form>"
        return s
    }

    static func select(_ name: String, _ label: String, selected: String?, options: [(value: String, text: String)],
                       all: String? = "All") -> String {
        var s = "<label>\(label) <select name=\"\(name)\">"
        if let all { s += "<option value=\"\"\(selected == nil ? " selected" : "")>\(all)</option>" }
        var listed = false
        for option in options {
            let isSelected = option.value == (selected ?? "")
            listed = listed || isSelected
            s += "<option value=\"\(HTMLText.escaped(option.value))\"\(isSelected ? " selected" : "")>\(HTMLText.escaped(option.text))</option>"
        }
        // A value typed into the URL that no option offers still shows what the page is filtered by.
        if let selected, !listed {
            s += "<option value=\"\(HTMLText.escaped(selected))\" selected>\(HTMLText.escaped(selected))</option>"
        }
        return s + "</select></label>"
    }
}
