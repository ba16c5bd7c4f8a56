import FollowUpCore
import FollowUpWire

/// `report --by source`'s money table and CSV columns: revenue from won deals
/// against each source's cost over the period (docs/reports.md, "ROI by source").
enum SourceReturnRendering {
    /// The members of each `sources` entry that CSV adds with `--by source`, in order.
    static let csvMembers: [SourceReturnBody.Member] = [.revenue, .wonWithValue, .cost, .costPerLead, .costPerWin, .roi]

    /// The table, most won first as the daemon sorts it; a figure that would
    /// divide by zero or needs a cost the config does not give is `—`.
    static func table(_ sources: [SourceReturnBody]) -> [String] {
        guard !sources.isEmpty else { return [] }
        let sw = max(6, sources.map(\.source.count).max() ?? 0)
        let headings = ["LEADS", "WON", "REVENUE", "COST", "COST/LEAD", "COST/WIN", "ROI"]
        let cells: [[String]] = sources.map { s in
            ["\(s.leads)", "\(s.won)", s.revenue, money(s.cost), money(s.costPerLead), money(s.costPerWin), percent(s.roi)]
        }
        var widths = headings.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ key: String, _ row: [String]) -> String {
            ([key + String(repeating: " ", count: max(0, sw - key.count))]
                + row.enumerated().map { String(repeating: " ", count: max(0, widths[$0] - $1.count)) + $1 })
                .joined(separator: "  ")
        }
        var lines = ["", "Revenue and ROI by source (cost over the period, prorated by days; ROI = (revenue - cost) / cost)"]
        lines.append(line("SOURCE", headings))
        for (s, row) in zip(sources, cells) { lines.append(line(s.source, row)) }
        lines.append("— : no cost configured for the source (`sources:` in followupd.yaml), or nothing to divide by")
        return lines
    }

    /// The CSV cells of the source `key` (empty when the daemon has no entry for it).
    static func csvCells(_ sources: [SourceReturnBody], key: String) -> [String] {
        let entry = sources.first { $0.source == key }
        return csvMembers.map { entry?.text($0) ?? "" }
    }

    private static func money(_ value: String?) -> String { value ?? "—" }

    /// `1.50` → `150%`, `-0.25` → `-25%`; `—` for null.
    static func percent(_ text: String?) -> String {
        guard let text else { return "—" }
        let negative = text.hasPrefix("-")
        let parts = text.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts.first ?? "0") ?? 0
        let fraction = parts.count > 1 ? Int((parts[1] + "00").prefix(2)) ?? 0 : 0
        return (negative ? "-" : "") + "\(whole * 100 + fraction)%"
    }
}
