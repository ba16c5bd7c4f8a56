import FollowUpCore
import GRDB

/// The `meta` table: the team's counters and pointers and the timeline's
/// high-water mark, one key each, so a change writes one small row.
enum MetaRow {
    static let nextLeadSeq = "next_lead_seq"
    static let nextRepSeq = "next_rep_seq"
    static let lastAppliedAt = "last_applied_at"
    /// `round_robin.sales`: the rep round robin chose last in team `sales`.
    static let roundRobinPrefix = "round_robin."
    /// The next planned availability change's number.
    static let nextChangeSeq = "next_change_seq"
    /// `weighted.sales`: team `sales`'s running totals of smooth weighted round robin (JSON object rep → total).
    static let weightedPrefix = "weighted."
    /// `tally.leads.open`, `tally.outbox.pending`, `tally.timers`: row counts kept by `TallyDelta` (inserts) and the schema's triggers (status and state changes).
    static let tallyPrefix = "tally."

    static let setSQL = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    static let deleteSQL = "DELETE FROM meta WHERE key = ?"

    static func set(_ key: String, _ value: some DatabaseValueConvertible, _ db: Database) throws {
        try db.cachedStatement(sql: setSQL).execute(arguments: [key, value])
    }

    static func delete(_ key: String, _ db: Database) throws {
        try db.cachedStatement(sql: deleteSQL).execute(arguments: [key])
    }

    /// Every key and its value.
    static func fetchAll(_ db: Database) throws -> [String: DatabaseValue] {
        var out: [String: DatabaseValue] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
            out[row[0]] = row[1] as DatabaseValue
        }
        return out
    }
}
