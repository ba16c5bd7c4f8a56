public import FollowUpCore
import FollowUpFormats
import GRDB

extension SQLiteLeadStore: HistoryPruning {
    /// One step of a retention pass at `cutoff` (now minus the retention
    /// period), in one transaction touching at most about `rows` rows:
    ///
    /// - outbox rows delivered or dead whose every time (created, re-queued,
    ///   last tried, delivered) is before the cutoff. Pending rows are never
    ///   removed. The delivered and dead tallies keep counting them;
    /// - the events of leads that are closed (won, lost, disqualified) or were
    ///   erased and whose last event is before the cutoff. Open, engaged and
    ///   nurtured leads keep their whole history (`explain` replays it). The
    ///   lead rows stay, and so does the newest event of the log, whatever it
    ///   is: the log's highest seq is what the next event's seq follows.
    ///
    /// Call it again with what it returns until ``RetentionProgress/finished``.
    public func pruneStep(before cutoff: Instant, _ progress: RetentionProgress, rows: Int = 500) async throws -> RetentionProgress {
        try await transaction { db, cache in
            var next = progress
            // The facts reports count went with the rows: the leads' contributions follow, as the scan would.
            var pruned: Set<LeadID> = []
            if !next.outboxDone {
                try Self.pruneOutbox(db, &cache, before: cutoff.secondsSinceEpoch, &next, rows: rows, pruned: &pruned)
            } else if !next.leadsDone {
                try Self.pruneEvents(db, before: cutoff.secondsSinceEpoch, &next, rows: rows, pruned: &pruned)
            }
            try self.refreshContributions(of: pruned, db)
            return next
        }
    }

    /// Outbox rows in minting order from the cursor: a window of `rows`, of
    /// which the old delivered and dead ones go. The pass ends at the first
    /// window that starts with a row created at or after the cutoff (rows are
    /// minted in time order; a later pass takes any stragglers).
    private static func pruneOutbox(_ db: Database, _ cache: inout StoreCache, before cutoff: Int64,
                                    _ progress: inout RetentionProgress, rows: Int, pruned: inout Set<LeadID>) throws {
        let window = try Row.fetchAll(db, sql: """
            SELECT rowid, receiver, state, created_at,
                   max(created_at, coalesce(requeued_at, 0), coalesce(last_attempt_at, 0), coalesce(delivered_at, 0)),
                   lead
            FROM outbox WHERE rowid > ? ORDER BY rowid LIMIT ?
            """, arguments: [progress.outboxCursor, rows])
        guard let first = window.first, (first[3] as Int64) < cutoff else {
            progress.outboxDone = true
            return
        }
        for row in window {
            let rowid: Int64 = row[0], state: String = row[2], latest: Int64 = row[4]
            progress.outboxCursor = rowid
            guard state == "delivered" || state == "dead", latest < cutoff else { continue }
            try db.execute(sql: "DELETE FROM outbox WHERE rowid = ?", arguments: [rowid])
            if let lead: String = row[5] { pruned.insert(lead) }
            // The delete trigger counts the row out; the tallies count every row
            // ever delivered or dead, so `statistics` does not change.
            let receiver: String = row[1]
            cache.tallies.add(TallyDelta.outbox(state), 1)
            cache.tallies.add(TallyDelta.receiver(receiver, state), 1)
            progress.outboxRows += 1
        }
    }

    /// Closed or erased leads in capture order from the cursor; each whose
    /// last event is before the cutoff loses its events, until about `rows`
    /// events went in this step (a lead's events go together).
    private static func pruneEvents(_ db: Database, before cutoff: Int64, _ progress: inout RetentionProgress,
                                    rows: Int, pruned: inout Set<LeadID>) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0
        let leads = try Row.fetchAll(db, sql: """
            SELECT seq, id FROM leads
            WHERE seq > ? AND (status IN (\(PrunedLeads.statusList)) OR id IN (SELECT lead FROM erased_leads))
            ORDER BY seq LIMIT ?
            """, arguments: [progress.leadCursor, rows])
        guard !leads.isEmpty else {
            progress.leadsDone = true
            return
        }
        var removed = 0
        for lead in leads {
            progress.leadCursor = lead[0]
            let id: String = lead[1]
            let last = try Int64.fetchOne(db, sql: "SELECT at FROM events WHERE lead = ? ORDER BY seq DESC LIMIT 1",
                                          arguments: [id])
            guard let last, last < cutoff else { continue }
            try db.execute(sql: "DELETE FROM events WHERE lead = ? AND seq < ?", arguments: [id, newest])
            guard db.changesCount > 0 else { continue }
            removed += db.changesCount
            pruned.insert(id)
            progress.leads += 1
            if removed >= rows { break }
        }
        progress.events += removed
    }
}
