public import FollowUpCore
import FollowUpFormats

extension Report {
    /// The report of a window's summed group rows (``ReportGroups``), as of
    /// the instant they were corrected for: the same figures as
    /// ``make(facts:rules:grouping:window:asOf:teamLoad:sourceCosts:)``, read
    /// from O(groups) rows instead of one per lead.
    public static func make(groups g: ReportGroups, grouping: ReportGrouping, window: ReportWindow,
                            asOf now: Instant, teamLoad: [ReportBucket] = [], sourceCosts: [String: Amount] = [:]) -> Report {
        let dimension = ReportDimension(grouping)
        let groups = g.keys(dimension, where: \.tallied).map { g.figures(dimension, $0) }

        var sourceCounts: [String: SourceConversion] = [:]
        for source in g.keys(.source, where: { $0[.leads] != 0 }) {
            let s = g.sums[.source]![source]!
            var c = SourceConversion(source: source, leads: s.count(.leads), won: s.count(.won), lost: s.count(.lost))
            c.money.revenue = Amount(cents: s[.revenueCents])
            c.money.valuedWins = s.count(.valuedWins)
            sourceCounts[source] = c
        }
        let period = (window.since ?? g.firstCapture).map { ($0, min(window.until ?? now, now)) }
        for (source, perMonth) in sourceCosts {
            var c = sourceCounts[source] ?? SourceConversion(source: source, leads: 0, won: 0, lost: 0)
            c.money.cost = period.map { SourceCost.prorated(perMonth, from: $0.0, to: $0.1) } ?? .zero
            sourceCounts[source] = c
        }
        let sources = sourceCounts.values.sorted {
            ($1.won, $1.leads, $0.source) < ($0.won, $0.leads, $1.source)
        }

        func count(_ dimension: ReportDimension, _ key: String, _ column: GroupColumn) -> Int {
            g.sums[dimension]?[key]?.count(column) ?? 0
        }
        let speedLabels = speedBands.map(\.label) + ["> 24 h", "never"]
        var weeks: [CivilDate: WeekCompliance] = [:]
        for (day, s) in g.totalByDay {
            let missed = s.count(.slaMissed) - (g.pendingByDay[day] ?? 0)
            guard s[.slaMet] != 0 || missed != 0 else { continue }
            let week = weekStart(of: Instant(secondsSinceEpoch: day * 86_400))
            var w = weeks[week] ?? WeekCompliance(weekStart: week, met: 0, missed: 0)
            w.met += s.count(.slaMet)
            w.missed += missed
            weeks[week] = w
        }
        let breaches = g.keys(.breach, where: { $0[.breaches] != 0 }).map { ($0, count(.breach, $0, .breaches)) }
        return Report(
            window: window, asOf: now, grouping: grouping,
            total: g.figures(.all, "all"), groups: groups, sources: sources,
            speedToLead: speedLabels.enumerated().map { ReportBucket(label: $1, count: count(.speedBand, String($0), .leads)) },
            touchesPerLead: ["0", "1", "2", "3", "4", "5+"].enumerated()
                .map { ReportBucket(label: $1, count: count(.touchCount, String($0), .leads)) },
            weeks: weeks.keys.sorted().map { weeks[$0]! },
            breachesByRep: breaches.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map { ReportBucket(label: $0.0, count: $0.1) },
            teamLoad: teamLoad.sorted { $0.label < $1.label })
    }
}

extension CallHours {
    /// Best time to call from a window's summed group rows, as ``make(facts:rules:)``.
    public static func make(groups g: ReportGroups, rules: Rules) -> CallHours {
        var counts: [Int: (calls: Int, connects: Int)] = [:]
        for (key, s) in g.sums[.callSlot] ?? [:] where s[.calls] != 0 {
            guard let slot = Int(key) else { continue }
            counts[slot] = (s.count(.calls), s.count(.connects))
        }
        return make(counts: counts, rules: rules)
    }
}
