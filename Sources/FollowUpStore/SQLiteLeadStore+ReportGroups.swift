public import FollowUpCore
public import FollowUpReports
import GRDB
import Synchronization

/// Reports from the group rows (`report_groups`, `report_bins`, `report_bins_weekly`,
/// `report_values`, v17): O(groups × days) rows for a window's whole UTC
/// days, plus the leads of its partial edge days and the few leads whose
/// deadline decides a figure as of now (docs/reports.md, "Cost").
extension SQLiteLeadStore {
    /// The window's group rows summed and corrected as of `now`
    /// (``ReportQueries/reportGroups(window:asOf:reading:percentilesBy:rules:)``), after
    /// rebuilding them when they were kept under other rules; nil when the
    /// file cannot be written (a read-only copy), so the caller scans.
    public func reportGroups(window: ReportWindow, asOf now: Instant, reading read: Set<ReportDimension>,
                             percentilesBy dimensions: [ReportDimension], rules: Rules) async throws -> ReportGroups? {
        // Twice at most, as reportContributions: a write without rules sends us back to adopt.
        for _ in 0..<2 {
            if reportRules.withLock({ $0?.version }) != rules.version {
                do {
                    try await transaction { db, _ in try self.adoptContributionRules(rules, db) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                    return nil
                }
            }
            let version = rules.version
            if let groups = try await pool.read({ db -> ReportGroups? in
                guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?",
                                          arguments: [Self.contributionRulesKey]) == version else { return nil }
                return try Self.readGroups(db, window: window, asOf: now, reading: read, percentilesBy: dimensions)
            }) {
                return groups
            }
            reportRules.withLock { $0 = nil }
        }
        return nil
    }

    /// The window's whole days `[first, end)` and its capture bounds `[lower, upper)` in seconds.
    private struct Span {
        var lower: Int64, upper: Int64
        var firstDay: Int64, endDay: Int64

        init(_ window: ReportWindow) {
            lower = window.since?.secondsSinceEpoch ?? Int64.min
            upper = window.until?.secondsSinceEpoch ?? Int64.max
            // Whole days: from the first midnight at or after since to the last at or before until.
            firstDay = window.since.map { GroupCell.day(of: $0 + TimeSpan(seconds: 86_399)) } ?? Int64.min
            endDay = window.until.map { GroupCell.day(of: $0) } ?? Int64.max
            if firstDay >= endDay { (firstDay, endDay) = (0, 0) }
        }

        /// The partial days read lead by lead: everything when no whole day fits.
        var edges: [(Int64, Int64)] {
            if firstDay == endDay { return [(lower, upper)] }
            var out: [(Int64, Int64)] = []
            if firstDay != Int64.min, lower < firstDay * 86_400 { out.append((lower, firstDay * 86_400)) }
            if endDay != Int64.max, endDay * 86_400 < upper { out.append((endDay * 86_400, upper)) }
            return out
        }
    }

    static func readGroups(_ db: Database, window: ReportWindow, asOf now: Instant, reading read: Set<ReportDimension>,
                           percentilesBy dimensions: [ReportDimension]) throws -> ReportGroups {
        let span = Span(window)
        var g = ReportGroups()
        // Only the dimensions asked: calls by hour are most of the rows and only `--by hour` reads them.
        let names = read.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        try addGroupRows(db, days: span.firstDay, span.endDay, reading: names, to: &g)
        // The partial edge days; their bins join the stored ones.
        var edges = LeadShares()
        for (lower, upper) in span.edges {
            try addEdge(lower, upper, to: &edges, &g, db, reading: names, percentilesBy: dimensions)
        }
        for (cell, sums) in edges.cells { g.add(cell, sums) }
        let edgeBins = edges.bins
        // The leads whose deadline still decides a figure as of now: few (see docs/reports.md). By the
        // deadline's index: a wide window would make SQLite pick the capture index and read every lead.
        var deciding: [LeadID: LeadContribution] = [:]
        for c in try contributions(db, sql: "INDEXED BY report_leads_sla_deadline WHERE sla_deadline >= ? AND captured_at >= ? AND captured_at < ?",
                                   [now.secondsSinceEpoch, span.lower, span.upper]) { deciding[c.lead] = c }
        for c in try contributions(db, sql: "INDEXED BY report_leads_drop_deadline WHERE drop_deadline < ? AND captured_at >= ? AND captured_at < ?",
                                   [now.secondsSinceEpoch, span.lower, span.upper]) { deciding[c.lead] = c }
        for c in deciding.values { g.correct(c, asOf: now) }
        g.firstCapture = try Int64.fetchOne(db, sql: "SELECT min(captured_at) FROM report_leads WHERE captured_at >= ? AND captured_at < ?",
                                            arguments: [span.lower, span.upper]).map { Instant(secondsSinceEpoch: $0) }
        for dimension in dimensions {
            g.percentiles[dimension] = try percentiles(db, dimension, span: span, edgeBins: edgeBins)
        }
        return g
    }

    /// Adds the stored group rows of the days `[first, end)` for the dimensions `names` lists (SQL literals).
    private static func addGroupRows(_ db: Database, days first: Int64, _ end: Int64, reading names: String,
                                     to g: inout ReportGroups) throws {
        let rows = try Row.fetchCursor(db.makeStatement(sql: """
            SELECT day, dim, key, \(GroupColumn.allCases.map(\.rawValue).joined(separator: ", "))
            FROM report_groups WHERE day >= ? AND day < ? AND dim IN (\(names))
            """), arguments: [first, end])
        while let row = try rows.next() {
            let dimensionText: String = row[1]
            guard let dimension = ReportDimension(rawValue: dimensionText) else {
                throw StoreDataError(table: "report_groups", key: dimensionText, message: "unknown dimension")
            }
            g.add(GroupCell(dimension, row[2], day: row[0]), GroupSums(values: (3..<row.count).map { row[$0] }))
        }
    }

    /// Adds the part `[lower, upper)` of a window's edge day: lead by lead, or,
    /// when more of the day's leads are inside it than outside, the day's
    /// stored rows and bins minus the leads outside, whichever reads fewer
    /// leads (a dashboard's `since=now-56d` starts mid-day: up to a day of leads).
    private static func addEdge(_ lower: Int64, _ upper: Int64, to edges: inout LeadShares, _ g: inout ReportGroups,
                                _ db: Database, reading names: String, percentilesBy dimensions: [ReportDimension]) throws {
        let day = GroupCell.day(of: Instant(secondsSinceEpoch: lower))
        let (dayStart, dayEnd) = (day * 86_400, day * 86_400 + 86_400)
        let count = try db.cachedStatement(sql: "SELECT count(*) FROM report_leads WHERE captured_at >= ? AND captured_at < ?")
        func leads(_ from: Int64, _ to: Int64) throws -> Int { try Int.fetchOne(count, arguments: [from, to]) ?? 0 }
        guard upper <= dayEnd, try leads(lower, upper) > (try leads(dayStart, lower)) + (try leads(upper, dayEnd)) else {
            for c in try contributions(db, sql: "WHERE captured_at >= ? AND captured_at < ?", [lower, upper]) {
                c.addShares(to: &edges, times: 1)
            }
            return
        }
        try addGroupRows(db, days: day, day + 1, reading: names, to: &g)
        for metric in ValueMetric.allCases {
            for dimension in dimensions {
                let bins = try Row.fetchCursor(db.cachedStatement(sql: dailyBinsSQL),
                                               arguments: [metric.rawValue, dimension.rawValue, day, day + 1])
                while let row = try bins.next() {
                    edges.bins[BinCell(metric: metric, dimension: dimension, key: row[0], day: day, bin: row[1]), default: 0] += row[2] as Int64
                }
            }
        }
        for (from, to) in [(dayStart, lower), (upper, dayEnd)] where from < to {
            for c in try contributions(db, sql: "WHERE captured_at >= ? AND captured_at < ?", [from, to]) {
                c.addShares(to: &edges, times: -1)
            }
        }
    }

    /// The stored contributions of the leads matching `filter` (an index hint and a WHERE clause).
    private static func contributions(_ db: Database, sql filter: String, _ arguments: StatementArguments) throws -> [LeadContribution] {
        var out: [LeadContribution] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT lead, contribution FROM report_leads \(filter)"),
                                       arguments: arguments)
        while let row = try rows.next() { out.append(try contribution(row)) }
        return out
    }

    private static let dailyBinsSQL = """
        SELECT key, bin, sum(count) FROM report_bins WHERE metric = ? AND dim = ? AND day >= ? AND day < ? GROUP BY key, bin
        """
    private static let weeklyBinsSQL = """
        SELECT key, bin, sum(count) FROM report_bins_weekly WHERE metric = ? AND dim = ? AND week >= ? AND week < ? GROUP BY key, bin
        """

    /// Exact speed and time-to-accept percentiles of every key of `dimension`:
    /// the bin counts of the window, then the values of the bins that hold the ranks.
    private static func percentiles(_ db: Database, _ dimension: ReportDimension, span: Span,
                                    edgeBins: [BinCell: Int64]) throws -> [String: GroupPercentiles] {
        var out: [String: GroupPercentiles] = [:]
        for metric in ValueMetric.allCases {
            var counts: [String: [Int64: Int64]] = [:]
            // Whole weeks from the weekly sums, the days around them from the daily rows (v18).
            let split = ReportWeeks(firstDay: span.firstDay, endDay: span.endDay)
            let ranges = [(Self.weeklyBinsSQL, split.weeks)] + split.days.map { (Self.dailyBinsSQL, $0) }
            for (sql, range) in ranges where !range.isEmpty {
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql),
                                               arguments: [metric.rawValue, dimension.rawValue, range.lowerBound, range.upperBound])
                while let row = try rows.next() { counts[row[0], default: [:]][row[1], default: 0] += row[2] as Int64 }
            }
            for (cell, count) in edgeBins where cell.metric == metric && cell.dimension == dimension {
                counts[cell.key, default: [:]][cell.bin, default: 0] += count
            }
            let inBin = try db.cachedStatement(sql: """
                SELECT value FROM report_values
                WHERE metric = ? AND dim = ? AND key = ? AND bin = ? AND captured_at >= ? AND captured_at < ?
                """)
            for (key, bins) in counts {
                let sorted = bins.keys.sorted().map { (bin: $0, count: bins[$0]!) }
                let (median, p90): (Int64?, Int64?)
                do {
                    (median, p90) = try GroupPercentiles.resolve(counts: sorted, p90: metric == .speed) { bin in
                        try Int64.fetchAll(inBin, arguments: [metric.rawValue, dimension.rawValue, key, bin, span.lower, span.upper])
                    }
                } catch let error as GroupPercentiles.BinMismatch {
                    throw StoreDataError(table: "report_bins", key: "\(dimension.rawValue) \(key)", message: error.description)
                }
                switch metric {
                case .speed:
                    out[key, default: GroupPercentiles()].speedMedian = median
                    out[key, default: GroupPercentiles()].speedP90 = p90
                case .accept:
                    out[key, default: GroupPercentiles()].acceptMedian = median
                }
            }
        }
        return out
    }
}
