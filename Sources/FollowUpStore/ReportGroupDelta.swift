import FollowUpReports
import GRDB

/// The changes one write transaction makes to the group rows and bin counts
/// (`report_groups`, `report_bins`, v17; `report_bins_weekly`, v18), summed in memory over every lead it
/// touched, then written as one UPSERT per touched row: a batch of 100 events
/// on one day's leads writes a few dozen rows, not one per lead and group.
///
/// Filed values (`report_values`) are written as each lead changes instead
/// (they change rarely: a first touch, an accept), so a lead changed twice in
/// one transaction cannot have its deletes and inserts reordered.
struct ReportGroupDelta {
    private var shares = LeadShares()

    /// Replaces `old` (nil for a new lead) with `new` (nil for a lead gone) in the sums.
    mutating func replace(_ old: LeadContribution?, with new: LeadContribution?, _ db: Database) throws {
        var before: Set<BinnedValue> = [], after: Set<BinnedValue> = []
        old?.addShares(to: &shares, times: -1, values: &before)
        new?.addShares(to: &shares, times: 1, values: &after)
        guard before != after else { return }
        // Bound column by column, as the group UPSERTs: a first touch files its speed under six groups.
        for v in before.subtracting(after) {
            var delete = try BoundStatement(db, sql: Self.deleteValueSQL)
            Self.bindKey(of: v, to: &delete)
            try delete.execute()
        }
        for v in after.subtracting(before) {
            var insert = try BoundStatement(db, sql: Self.insertValueSQL)
            Self.bindKey(of: v, to: &insert)
            insert.bind(v.value)
            try insert.execute()
        }
    }

    /// A filed value's key, in the column order both statements below name it.
    private static func bindKey(of v: BinnedValue, to statement: inout BoundStatement) {
        statement.bind(Int64(v.metric.rawValue))
        statement.bind(v.dimension.rawValue)
        statement.bind(v.key)
        statement.bind(v.bin)
        statement.bind(v.capturedAt)
        statement.bind(v.lead)
        statement.bind(v.n)
    }

    private static let deleteValueSQL = """
        DELETE FROM report_values WHERE metric = ? AND dim = ? AND key = ? AND bin = ? AND captured_at = ? AND lead = ? AND n = ?
        """
    private static let insertValueSQL = """
        INSERT INTO report_values (metric, dim, key, bin, captured_at, lead, n, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Applies the summed changes: one UPSERT per group row and bin that changed.
    func write(_ db: Database) throws {
        for (cell, sums) in shares.cells where !sums.isZero {
            // Bound column by column: 29 boxed arguments per row were most of the UPSERT's own cost.
            var upsert = try BoundStatement(db, sql: Self.upsertGroupSQL)
            upsert.bind(cell.day)
            upsert.bind(cell.dimension.rawValue)
            upsert.bind(cell.key)
            for value in sums.values { upsert.bind(value) }
            try upsert.execute()
        }
        var weekly: [BinCell: Int64] = [:]
        for (cell, count) in shares.bins where count != 0 {
            try Self.upsertBin(cell, count, sql: Self.upsertBinSQL, db)
            var week = cell
            week.day = ReportWeeks.week(of: cell.day)
            weekly[week, default: 0] += count
        }
        for (cell, count) in weekly where count != 0 {
            try Self.upsertBin(cell, count, sql: Self.upsertWeeklyBinSQL, db)
        }
    }

    /// Adds `count` to one bin row; `cell.day` is the day, or the week for the weekly sums.
    private static func upsertBin(_ cell: BinCell, _ count: Int64, sql: String, _ db: Database) throws {
        var upsert = try BoundStatement(db, sql: sql)
        upsert.bind(Int64(cell.metric.rawValue))
        upsert.bind(cell.dimension.rawValue)
        upsert.bind(cell.day)
        upsert.bind(cell.key)
        upsert.bind(cell.bin)
        upsert.bind(count)
        try upsert.execute()
    }

    private static let upsertGroupSQL: String = {
        let columns = GroupColumn.allCases.map(\.rawValue)
        return """
            INSERT INTO report_groups (day, dim, key, \(columns.joined(separator: ", ")))
            VALUES (?, ?, ?\(String(repeating: ", ?", count: columns.count)))
            ON CONFLICT (day, dim, key) DO UPDATE SET \(columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
            """
    }()
    private static let upsertBinSQL = """
        INSERT INTO report_bins (metric, dim, day, key, bin, count) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (metric, dim, day, key, bin) DO UPDATE SET count = count + excluded.count
        """
    private static let upsertWeeklyBinSQL = """
        INSERT INTO report_bins_weekly (metric, dim, week, key, bin, count) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (metric, dim, week, key, bin) DO UPDATE SET count = count + excluded.count
        """
}
