import FollowUpCore
import GRDB

/// How a ``LeadTimer`` maps to a `timers` row. The primary key is the firing
/// order, so the next timer is the table's first row.
enum TimerRow {
    static let insertSQL = "INSERT INTO timers (at, lead_seq, kind_order, lead, kind) VALUES (?, ?, ?, ?, ?)"
    static let deleteSQL = "DELETE FROM timers WHERE at = ? AND lead_seq = ? AND kind_order = ?"
    static let existsSQL = "SELECT 1 FROM timers WHERE at = ? AND lead_seq = ? AND kind_order = ?"
    static let earliestSQL = "SELECT at, lead_seq, lead, kind FROM timers ORDER BY at, lead_seq, kind_order LIMIT 1"

    /// The tie-break within one lead and instant (``LeadTimer/Kind/order``).
    static func order(of kind: LeadTimer.Kind) -> Int { kind.order }

    static func insert(_ t: LeadTimer, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: insertSQL)
        statement.bind(t.at.secondsSinceEpoch)
        statement.bind(t.leadSeq)
        statement.bind(order(of: t.kind))
        statement.bind(t.lead)
        statement.bind(t.kind.code)
        try statement.execute()
    }

    static func delete(_ t: LeadTimer, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: deleteSQL)
        statement.bind(t.at.secondsSinceEpoch)
        statement.bind(t.leadSeq)
        statement.bind(order(of: t.kind))
        try statement.execute()
    }

    static func exists(_ t: LeadTimer, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: existsSQL),
                          arguments: [t.at.secondsSinceEpoch, t.leadSeq, order(of: t.kind)]) != nil
    }

    /// Replaces a lead's timers `old` (what its stored state asked for) with `new`,
    /// touching only the rows that differ.
    /// Returns how the number of timer rows changed.
    @discardableResult
    static func replace(_ old: [LeadTimer], with new: [LeadTimer], _ db: Database) throws -> Int64 {
        guard old != new else { return 0 }
        var change: Int64 = 0
        for t in old where !new.contains(t) {
            try delete(t, db)
            // The timer being fired was deleted already: count only rows that were there.
            change -= Int64(db.changesCount)
        }
        for t in new where !old.contains(t) {
            try insert(t, db)
            change += 1
        }
        return change
    }

    /// The earliest pending timer.
    static func earliest(_ db: Database) throws -> LeadTimer? {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: earliestSQL))
        guard let row = try cursor.next() else { return nil }
        return try decode(row)
    }

    /// Every pending timer in firing order (for tests and tools; not for the hot path).
    static func fetchAll(_ db: Database) throws -> [LeadTimer] {
        var out: [LeadTimer] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT at, lead_seq, lead, kind FROM timers ORDER BY at, lead_seq, kind_order")
        while let row = try cursor.next() { out.append(try decode(row)) }
        return out
    }

    /// Reads `at, lead_seq, lead, kind`.
    static func decode(_ row: Row) throws -> LeadTimer {
        var c = ColumnReader(row: row)
        let at = try c.instant()
        let leadSeq = try c.int64()
        let lead = try c.string()
        let code = try c.string()
        guard let kind = LeadTimer.Kind(code: code) else {
            throw StoreDataError(table: "timers", key: lead, message: "unknown timer kind \"\(code)\"")
        }
        return LeadTimer(at: at, leadSeq: leadSeq, lead: lead, kind: kind)
    }
}
