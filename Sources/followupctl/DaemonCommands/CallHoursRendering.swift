import FollowUpCore
import FollowUpWire

/// `report --by hour`: the connect rate of calls by the lead's local weekday
/// and hour, as a table (hours with calls as rows, weekdays as columns) or CSV.
enum CallHoursRendering {
    static let weekdays = Weekday.allCases

    static func table(_ report: CallHoursBody) -> [String] {
        let cells = report.cells
        var lines = ["Calls to leads captured \(ReportRendering.span(report.window))",
            "Connect rate by the lead's local weekday and hour: connected, replied or meeting out of all calls"]
        guard !cells.isEmpty else {
            lines.append("No call logged for these leads (touch.logged with channel call).")
            return lines
        }
        var byKey: [String: CallHourCellBody] = [:]
        for cell in cells { byKey["\(cell.weekday) \(cell.hour)"] = cell }
        let hours = Set(cells.map(\.hour)).sorted()
        let width = 10
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        // Every cell ends in its window mark (or a space), headings and dots too, so the columns line up.
        lines.append(trimmed("HOUR " + weekdays.map { pad($0.shortName.uppercased() + " ") }.joined()))
        for hour in hours {
            let row = weekdays.map { day -> String in
                guard let cell = byKey["\(day.rawValue) \(hour)"] else { return pad("· ") }
                let mark = cell.window == nil ? " " : "*"
                return pad("\(cell.connectPercent ?? "-")%/\(cell.calls)" + mark)
            }
            lines.append(trimmed((hour < 10 ? "0" : "") + "\(hour)h  " + row.joined()))
        }
        lines.append("")
        lines.append("All calls: \(report.calls), connected \(report.connects) "
                     + "(\(report.connectPercent ?? "-")%). Cell: rate/calls; * inside a call window.")
        let windows = report.callWindows.map { rank in
            let days = rank.days.compactMap { Weekday(rawValue: $0)?.shortName }
            let hours = rank.hours.map { "\($0.from)–\($0.to)" }
            return "  \(rank.rank): \(days.joined(separator: ", ")) \(hours.joined(separator: ", "))"
        }
        // One rank a line: a policy's ranks side by side would not fit 100 columns.
        if !windows.isEmpty { lines += ["Call windows in the rules (first rank first):"] + windows }
        return lines
    }

    /// Without the trailing spaces of the last column's mark.
    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// RFC 4180, one row per weekday × hour with calls (weekday, hour and
    /// window come from the daemon; window names are an admin's, so neutralised like every cell).
    static func csv(_ report: CallHoursBody) -> [String] {
        var lines = ["weekday,hour,calls,connects,connect_percent,window"]
        for cell in report.cells {
            let fields = [cell.weekday, "\(cell.hour)", "\(cell.calls)", "\(cell.connects)", cell.connectPercent ?? "",
                          cell.window ?? ""]
            lines.append(fields.map(ReportRendering.csvField).joined(separator: ","))
        }
        return lines
    }
}
