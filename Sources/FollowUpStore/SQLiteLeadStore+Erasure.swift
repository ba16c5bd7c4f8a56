public import FollowUpCore
import FollowUpFormats
import GRDB

extension SQLiteLeadStore: LeadErasing {
    /// Removes a lead's personal data from every table, keeping what the
    /// reports count (docs/semantics.md, "Erasing a lead"): the lead row keeps
    /// its status, times, owner, source and counters, its name becomes
    /// `erased` and its other profile fields empty; its events keep type, time,
    /// rep, outcome and status; its notifications keep kind, step and receiver.
    /// Its timers go and its undelivered notifications die, and the lead is
    /// recorded in `erased_leads`, so later events naming it are refused and
    /// rule reloads and rep deactivations leave it alone.
    ///
    /// `secure_delete` is on for every connection, so SQLite zeroes the old
    /// bytes in the pages it rewrites; a TRUNCATE checkpoint afterwards empties
    /// the write-ahead log, which held the old versions of those pages.
    /// - Returns: nil for an unknown lead.
    public func erase(_ lead: LeadID, at now: Instant) async throws -> LeadErasure? {
        let done: LeadErasure? = try await transaction { db, cache in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM leads WHERE id = ?", arguments: [lead]) else {
                return nil
            }
            try db.execute(sql: """
                UPDATE leads SET name = 'erased', email = NULL, phone = NULL, company = NULL, title = NULL,
                    need = NULL, attributes = NULL, snooze_reason = NULL,
                    deadline_open = NULL, in_cadence = 0, awaits_first_touch = 0, snoozed_until = NULL
                WHERE seq = ?
                """, arguments: [seq])
            // The lead leaves its cadence behind the counts' back: counted again at the next read.
            cache.cadence = nil
            try db.execute(sql: "INSERT OR IGNORE INTO erased_leads (lead, at) VALUES (?, ?)",
                           arguments: [lead, now.secondsSinceEpoch])

            var events = 0
            let logged = try Row.fetchAll(db, sql: "SELECT seq, body FROM events WHERE lead = ?", arguments: [lead])
            for row in logged {
                guard let scrubbed = ErasedRows.eventBody(row["body"]) else { continue }
                try db.execute(sql: "UPDATE events SET body = ? WHERE seq = ?", arguments: [scrubbed, row["seq"] as Int64])
                events += 1
            }

            var notifications = 0
            let sent = try Row.fetchAll(db, sql: "SELECT rowid, payload, last_error FROM outbox WHERE lead = ?", arguments: [lead])
            for row in sent {
                guard let scrubbed = ErasedRows.notification(payload: row["payload"], lastError: row["last_error"]) else { continue }
                try db.execute(sql: "UPDATE outbox SET payload = ?, last_error = ? WHERE rowid = ?",
                               arguments: [scrubbed.payload, scrubbed.lastError, row["rowid"] as Int64])
                notifications += 1
            }
            try db.execute(sql: """
                UPDATE outbox SET state = 'dead', last_error = 'lead erased'
                WHERE lead = ? AND state = 'pending'
                """, arguments: [lead])
            let undelivered = db.changesCount

            try db.execute(sql: "DELETE FROM timers WHERE lead = ?", arguments: [lead])
            let timers = db.changesCount
            cache.tallies.add(TallyDelta.timers, -Int64(timers))
            // Erasing clears the snooze and the open step: the lead's report contribution follows.
            try self.refreshContributions(of: [lead], db)
            return LeadErasure(lead: lead, events: events, notifications: notifications, timers: timers,
                               undelivered: undelivered, logEmptied: false)
        }
        guard var erasure = done else { return nil }
        erasure.logEmptied = try await pool.writeWithoutTransaction { db in
            do {
                let (log, copied) = try db.checkpoint(.truncate)
                return log == copied
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // A reader (an API read, a backup, an admin's sqlite3) kept its snapshot past the
                // busy timeout: the erasure is committed all the same; the old pages leave the
                // log at a later checkpoint. Answering 500 here said the erase failed, which it had not.
                return false
            }
        }
        return erasure
    }

    /// Whether `lead` was erased.
    public func isErased(_ lead: LeadID) async throws -> Bool {
        try await pool.read { db in try Self.isErased(lead, db) }
    }

    /// The 400 for an event naming an erased lead: it takes nothing more, so a
    /// CRM re-sending its capture cannot bring the data back.
    /// Asked for every event the writer logs: a cached statement, bound
    /// directly (preparing the query each time was an eighth of the writer's
    /// time under ingest).
    static func erasedLeadRefusal(_ event: Event, _ db: Database) throws -> Diagnostic? {
        guard let lead = event.lead else { return nil }
        var statement = try BoundStatement(db, sql: erasedSQL)
        statement.bind(lead)
        guard try statement.hasRow() else { return nil }
        let field = if case .leadCaptured = event.body { "lead.id" } else { "lead" }
        return Diagnostic(field: field, message: "lead \"\(lead)\" was erased (followupctl lead erase); events naming it are refused")
    }

    static func isErased(_ lead: LeadID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: erasedSQL, arguments: [lead]) ?? false
    }

    private static let erasedSQL = "SELECT 1 FROM erased_leads WHERE lead = ?"
}
