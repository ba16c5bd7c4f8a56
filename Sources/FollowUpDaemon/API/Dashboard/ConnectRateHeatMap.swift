import FollowUpCore
import FollowUpReports
import FollowUpNotify

/// The dashboard's "Best time to call" card: connect rate of calls by the
/// lead's local weekday (columns) and hour (rows, only hours with calls), a
/// heat map as an HTML table — the shade says the rate, the text says it too
/// (rate and calls), so it reads without colour. Cells inside the default
/// policy's call windows are outlined and carry the rank's name in their title.
struct ConnectRateHeatMap {
    var hours: CallHours

    var html: String {
        var s = "<section class=\"card wide\" id=\"best-time-to-call\"><h2>Best time to call (connect rate, lead's local time)</h2>"
        guard !hours.cells.isEmpty else { return s + "<p class=\"empty\">No call logged in this window.</p></section>" }
        var byKey: [Int: CallHours.Cell] = [:]
        for cell in hours.cells { byKey[cell.weekday.index * 24 + cell.hour] = cell }
        let rows = Set(hours.cells.map(\.hour)).sorted()
        s += "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>Hour</th>"
        for day in Weekday.allCases { s += "<th class=\"n\">\(HTMLText.escaped(day.shortName))</th>" }
        s += "</tr></thead><tbody>"
        for hour in rows {
            s += "<tr><th>\(hour < 10 ? "0" : "")\(hour):00</th>"
            for day in Weekday.allCases {
                guard let cell = byKey[day.index * 24 + hour] else {
                    s += "<td class=\"n empty\">·</td>"
                    continue
                }
                s += Self.cell(cell)
            }
            s += "</tr>"
        }
        s += "</tbody></table></div>"
        let overall = hours.rate.percentText.map { "\($0)%" } ?? "—"
        s += "<p class=\"empty\">\(hours.calls) calls, \(hours.connects) connected (\(HTMLText.escaped(overall))): "
            + "connected, replied or meeting out of all calls. Outlined: inside a call window"
        let windows = hours.windows.map { rank in
            "\(rank.name) \(rank.days.sorted().map(\.shortName).joined(separator: ", ")) "
                + rank.hours.map { "\($0.from)–\($0.to)" }.joined(separator: ", ")
        }
        if !windows.isEmpty { s += " (\(HTMLText.escaped(windows.joined(separator: "; "))))" }
        return s + ".</p></section>"
    }

    /// A cell shaded by its rate: white at 0 %, green at 100 % (alpha, so
    /// the page's own colours show through).
    static func cell(_ cell: CallHours.Cell) -> String {
        let percent = cell.rate.percentText ?? "0"
        let shade = cell.calls > 0 ? (cell.connects * 100 + cell.calls / 2) / cell.calls : 0
        let alpha = shade == 100 ? "1" : "0." + (shade < 10 ? "0" : "") + String(shade)
        let outline = cell.window.map { _ in "outline:2px solid #1d4ed8;" } ?? ""
        let title = "\(cell.connects) of \(cell.calls) calls connected" + (cell.window.map { ", call window \($0)" } ?? "")
        return "<td class=\"n\" style=\"background:rgba(22,163,74,\(alpha));\(outline)\" "
            + "title=\"\(HTMLText.escaped(title))\">\(HTMLText.escaped(percent))% <small>(\(cell.calls))</small></td>"
    }
}
