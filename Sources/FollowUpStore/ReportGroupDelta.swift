import FollowUpReports
import GRDB

/// The changes one write transaction makes to the group rows and bin counts
/// (`report_groups`, `report_bins`, v17), summed in memory over every lead it
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
        let before = old?.shares ?? LeadShares()
        let after = new?.shares ?? LeadShares()
        shares.add(after, times: 1)
        shares.add(before, times: -1)
        guard before.values != after.values else { return }
        let delete = try db.cachedStatement(sql: """
            DELETE FROM report_values WHERE metric = ? AND dim = ? AND key = ? AND bin = ? AND captured_at = ? AND lead = ? AND n = ?
            """)
        for v in before.values.subtracting(after.values) {
            try delete.execute(arguments: [v.metric.rawValue, v.dimension.rawValue, v.key, v.bin, v.capturedAt, v.lead, v.n])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO report_values (metric, dim, key, bin, captured_at, lead, n, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for v in after.values.subtracting(before.values) {
            try insert.execute(arguments: [v.metric.rawValue, v.dimension.rawValue, v.key, v.bin, v.capturedAt, v.lead, v.n, v.value])
        }
    }

    /// Applies the summed changes: one UPSERT per group row and bin that changed.
    func write(_ db: Database) throws {
        let columns = GroupColumn.allCases.map(\.rawValue)
        let upsertGroup = try db.cachedStatement(sql: """
            INSERT INTO report_groups (day, dim, key, \(columns.joined(separator: ", ")))
            VALUES (?, ?, ?\(String(repeating: ", ?", count: columns.count)))
            ON CONFLICT (day, dim, key) DO UPDATE SET \(columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
            """)
        for (cell, sums) in shares.cells where !sums.isZero {
            var arguments: [any DatabaseValueConvertible] = [cell.day, cell.dimension.rawValue, cell.key]
            arguments += sums.values
            try upsertGroup.execute(arguments: StatementArguments(arguments))
        }
        let upsertBin = try db.cachedStatement(sql: """
            INSERT INTO report_bins (metric, dim, day, key, bin, count) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (metric, dim, day, key, bin) DO UPDATE SET count = count + excluded.count
            """)
        for (cell, count) in shares.bins where count != 0 {
            try upsertBin.execute(arguments: [cell.metric.rawValue, cell.dimension.rawValue, cell.day, cell.key, cell.bin, count])
        }
    }
}
