import ArgumentParser
import FollowUpCore
import FollowUpReports
import FollowUpWire
import Foundation

/// `followupctl report`: how leads were followed up, per rep, source, priority or team.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report first-touch SLA, speed to lead, touches and outcomes of the leads captured in a window.",
        discussion: """
            Leads are those captured at or after --since and before --until (a date is midnight UTC; \
            a duration such as 30d or 12h is that long before the daemon's now). \
            Every figure is as of now: a lead captured in the window and touched later counts with \
            that touch. docs/reports.md defines each figure.

              followupctl report --since 2026-11-01 --until 2026-12-01 --by source
              followupctl report --by rep --format csv > november.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("Leads captured at or after this time (RFC 3339, YYYY-MM-DD, or 12h, 30d, 2w ago).", valueName: "time"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Leads captured before this time (RFC 3339, YYYY-MM-DD, or 12h, 30d, 2w ago).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("One row per rep (owner), source, priority (at capture) or team; "
                                            + "hour: the connect rate of calls by the lead's weekday and hour.",
                                            valueName: "rep|source|priority|team|hour"))
    var by: String = "rep"

    @Option(name: .long, help: ArgumentHelp("table (for people), csv (RFC 4180, for spreadsheets) or json (the daemon's answer).",
                                            valueName: "table|csv|json"))
    var format: Format = .table

    /// `--output json` as on every other command: the same as `--format json`.
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if output.isJSON, format == .csv { throw ValidationError("--format csv and --output json ask for two formats; give one") }
        guard ReportGrouping(rawValue: by) != nil || by == "hour" else {
            throw ValidationError("--by must be one of rep, source, priority, team, hour (got \"\(by)\")")
        }
        _ = try Self.instant(since, "--since")
        _ = try Self.instant(until, "--until")
    }

    /// `2026-11-01` → `2026-11-01T00:00:00Z`; RFC 3339 as is; `30d` → 30 × 24 hours
    /// before `now` (the daemon's; nil only while validating).
    static func instant(_ text: String?, _ option: String, now: Instant? = nil) throws -> String? {
        guard let text else { return nil }
        if RFC3339.parse(text) != nil { return text }
        if text.count == 10, CivilDate(parsing: Substring(text)) != nil { return text + "T00:00:00Z" }
        if let span = ago(text) { return now.map { RFC3339.format($0 - span) } ?? text }
        throw ValidationError("\(option) must be an RFC 3339 time (2026-11-24T20:00:00Z), a date (2026-11-24) "
                              + "or a duration ago (12h, 30d, 2w), got \"\(text)\"")
    }

    /// `12h`, `30d`, `2w` as a span of elapsed time; nil for anything else.
    static func ago(_ text: String) -> TimeSpan? {
        guard case .duration(let count, let unit)? = try? WakeUpTime(parsing: text) else { return nil }
        switch unit {
        case .hours: return .hours(count)
        case .days: return .days(count)
        case .weeks: return .days(count * 7)
        }
    }

    func run() async throws {
        try await CtlError.reporting {
            let report = try await DaemonClient.with(try daemon.endpoint()) { client in
                var query = ["by=\(by)"]
                // A duration counts back from the daemon's now, not this machine's clock.
                var now: Instant?
                if [since, until].contains(where: { $0.flatMap(Self.ago) != nil }) {
                    now = try HealthBody(answer: try await client.get("/healthz")).now
                }
                if let s = try Self.instant(since, "--since", now: now) { query.append("since=\(URIComponent.encode(s))") }
                if let u = try Self.instant(until, "--until", now: now) { query.append("until=\(URIComponent.encode(u))") }
                return try await client.get("/v1/report?" + query.joined(separator: "&"))
            }
            var out = StandardOutput()
            switch output.isJSON ? .json : format {
            case .json: out.line(report.jsonText)
            case .csv:
                let lines = by == "hour" ? CallHoursRendering.csv(try CallHoursBody(answer: report))
                                         : ReportRendering.csv(try ReportBody(answer: report))
                for line in lines { out.line(line) }
            case .table:
                let lines = by == "hour" ? CallHoursRendering.table(try CallHoursBody(answer: report))
                                         : ReportRendering.table(try ReportBody(answer: report))
                for line in lines { out.line(line) }
            }
            out.flush()
        }
    }
}

/// The daemon's report JSON as a table for people and as CSV for spreadsheets.
enum ReportRendering {
    /// A figure of each group row and the heading it is printed under.
    typealias Column = (member: GroupFiguresBody.Member, heading: String)

    /// How fast each lead got its first touch: the first table.
    static let firstTouchColumns: [Column] = [
        (.leads, "LEADS"), (.slaMetPercent, "SLA%"), (.slaMet, "MET"), (.slaMissed, "MISSED"),
        (.slaPending, "PENDING"), (.speedToLeadMedianSeconds, "MEDIAN"), (.speedToLeadP90Seconds, "P90"),
        (.neverTouched, "NEVER"),
    ]

    /// The touches after it and where the leads stand now: the second table, so
    /// neither is wider than a 100-column terminal.
    static let cadenceColumns: [Column] = [
        (.touches, "TOUCHES"), (.touchesPerLead, "PER-LEAD"), (.droppedAfterOneTouch, "ONE-TOUCH"),
        (.cadencesCompleted, "COMPLETED"), (.breaches, "BREACHES"), (.engaged, "ENGAGED"), (.won, "WON"), (.lost, "LOST"),
    ]

    /// The group members, in the daemon's order (the CSV's first columns).
    static let columns = firstTouchColumns + cadenceColumns

    /// What happened after the textbook cadence (DESIGN.md version 2): a second
    /// table, so the first one stays as wide as it was.
    static let followThroughColumns: [Column] = [
        (.snoozedNow, "SNOOZED"), (.breachesRepeated, "REPEATED"), (.movedAfterBreaches, "MOVED"),
        (.checkInsSent, "CHECK-INS"), (.checkInsAnswered, "ANSWERED"), (.checkInsAnsweredPercent, "ANS%"),
        (.hotSignals, "HOT"),
    ]

    /// Accept and decline, reps leaving, merges (DESIGN.md version 2): a third
    /// table, so each stays under 100 columns. With `--by rep` offers and
    /// declines are the rep's own, not their current leads'.
    static let peopleColumns: [Column] = [
        (.offered, "OFFERED"), (.accepted, "ACCEPTED"), (.acceptancePercent, "ACC%"),
        (.timeToAcceptMedianSeconds, "TO-ACCEPT"), (.declines, "DECLINED"),
        (.movedByDeactivation, "OWNER-LEFT"), (.merges, "MERGED"),
    ]

    static func table(_ report: ReportBody) -> [String] {
        let by = report.window.by.uppercased()
        let rows = report.groups + [report.total]
        var lines = ["Leads captured \(span(report.window))"]
        lines.append("")
        lines.append("First touch (SLA, speed to lead)")
        lines += grid(rows, by: by, columns: firstTouchColumns)
        lines.append("")
        lines.append("Cadence and outcomes (touches after the first, breaches, where the leads stand now)")
        lines += grid(rows, by: by, columns: cadenceColumns)
        lines.append("")
        lines.append("Follow-through (snoozed now, breaches repeated, moved after breaches, check-ins, hot signals)")
        lines += grid(rows, by: by, columns: followThroughColumns)
        lines.append("")
        lines.append("Acceptance and routing (offered, accepted, time to accept, declined, owner left, merged)")
        lines += grid(rows, by: by, columns: peopleColumns)
        lines.append("")
        lines += ReportLegend.lines
        let load = report.teamLoad
        if !load.isEmpty {
            lines.append("")
            lines.append("Load by team now (leads in cadence, every lead)")
            let tw = max(4, load.map(\.team.count).max() ?? 0)
            lines.append("TEAM".padding(tw) + "  IN CADENCE")
            for l in load { lines.append(l.team.padding(tw) + "  " + "\(l.leadsInCadence)".left(10)) }
        }
        let sources = report.sources
        if !sources.isEmpty {
            lines.append("")
            lines.append("Conversion by source (won out of leads captured)")
            let sw = max(6, sources.map(\.source.count).max() ?? 0)
            lines.append("SOURCE".padding(sw) + "  LEADS    WON   LOST  CONV%")
            for s in sources {
                lines.append(s.source.padding(sw) + "  " + ["\(s.leads)".left(5), "\(s.won)".left(5),
                    "\(s.lost)".left(5), (s.conversionPercent ?? "-").left(5)].joined(separator: "  "))
            }
            if report.window.by == "source" { lines += SourceReturnRendering.table(sources) }
        }
        return lines
    }

    /// `from 2026-11-01T00:00:00Z until now, as of 2026-11-24T20:00:00Z`: which captures a report counts.
    static func span(_ window: ReportWindowBody) -> String {
        let from = window.since.map { "from \($0) " } ?? ""
        return from + (window.until.map { "until \($0)" } ?? "until now") + ", as of \(window.asOf)"
    }

    /// The widest key column: a longer key (a rep id, a source) gets a line of
    /// its own above its figures, so every table stays within 100 columns and aligned.
    static let maxKeyWidth = 24

    /// One row per group, a rule, then the TOTAL row (the last of `rows`); keys
    /// left-aligned, figures right-aligned.
    static func grid(_ rows: [GroupFiguresBody], by: String, columns: [Column]) -> [String] {
        let keyWidth = min(maxKeyWidth, max(by.count, rows.map(\.key.count).max() ?? 0, 5))
        let cells: [[String]] = rows.enumerated().map { index, row in
            [index == rows.count - 1 ? "TOTAL" : row.key] + columns.map { column in
                let text = row.text(column.member)
                if column.member.rawValue.hasSuffix("_seconds") { return duration(text.flatMap { Int64($0) }) }
                return text ?? "-"
            }
        }
        let headings = [by] + columns.map(\.heading)
        var widths = headings.map(\.count)
        widths[0] = keyWidth
        for row in cells { for (i, c) in row.enumerated() where i > 0 { widths[i] = max(widths[i], c.count) } }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                i == 0 ? c + String(repeating: " ", count: widths[0] - c.count)
                       : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ")
        }
        var lines = [render(headings)]
        for (i, row) in cells.enumerated() {
            if i == cells.count - 1 { lines.append(String(repeating: "-", count: render(row).count)) }
            if row[0].count > keyWidth {
                lines.append(row[0])
                lines.append(render([""] + row.dropFirst()))
            } else {
                lines.append(render(row))
            }
        }
        return lines
    }

    /// RFC 4180: a header row of the daemon's member names (the follow-through
    /// ones, then the people-and-routing ones, last), one row per group, then
    /// `(total)`. The team load is not a group figure: JSON and the table have it.
    static func csv(_ report: ReportBody) -> [String] {
        let by = report.window.by
        let columns = columns + followThroughColumns + peopleColumns
        // With --by source each row also carries the source's money (revenue, cost, ROI).
        let sources = by == "source" ? report.sources : nil
        var lines = [([by] + columns.map(\.member.rawValue)
                      + (sources == nil ? [] : SourceReturnRendering.csvMembers.map(\.rawValue)))
            .map(csvField).joined(separator: ",")]
        var rows = report.groups.map { ($0.key, $0) }
        rows.append(("(total)", report.total))
        for (index, (key, row)) in rows.enumerated() {
            let money = sources.map { index == rows.count - 1 ? SourceReturnRendering.csvMembers.map { _ in "" }
                                                              : SourceReturnRendering.csvCells($0, key: key) } ?? []
            lines.append(([key] + columns.map { row.text($0.member) ?? "" } + money).map(csvField).joined(separator: ","))
        }
        return lines
    }

    /// A field quoted when it holds a comma, quote or line break (quotes doubled).
    /// Text a spreadsheet would run as a formula is neutralised first.
    static func csvField(_ text: String) -> String {
        let text = spreadsheetSafe(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Group keys come from events (a lead's `source`, a rep id): a cell that
    /// starts with `=`, `+`, `-`, `@`, a tab or a CR is a formula to Excel and
    /// LibreOffice (`=HYPERLINK(…)` sends the reader's data away), so it gets a
    /// leading `'`, as OWASP recommends. A plain number keeps its sign.
    static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        if first == "-", Double(text) != nil, text.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return text
        }
        return "'" + text
    }

    /// `45s`, `4m`, `2m30s`, `2h05m`, `3d04h`; `-` for none.
    static func duration(_ seconds: Int64?) -> String {
        guard let s = seconds else { return "-" }
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" + (s % 60 == 0 ? "" : two(s % 60) + "s") }
        if s < 86_400 { return "\(s / 3_600)h" + two(s % 3_600 / 60) + "m" }
        return "\(s / 86_400)d" + two(s % 86_400 / 3_600) + "h"
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : String(n) }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func left(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
