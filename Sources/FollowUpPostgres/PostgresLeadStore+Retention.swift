public import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// `retention:` on PostgreSQL: what the SQLite store removes (docs/daemon.md,
/// "Retention"), a step per fenced transaction on the leader's writer.
extension PostgresLeadStore: HistoryPruning {
    /// One step of a retention pass at `cutoff`, touching at most about
    /// `rows` rows; see ``HistoryPruning``. The tallies are not changed: they
    /// count every row ever delivered or dead, as on SQLite, so `statistics`
    /// reads the same before and after. PostgreSQL keeps the removed row
    /// versions until VACUUM (autovacuum) reclaims them.
    public func pruneStep(before cutoff: Instant, _ progress: RetentionProgress, rows: Int = 500) async throws -> RetentionProgress {
        try await transaction { session, _, _ in
            var next = progress
            if !next.outboxDone {
                try Self.pruneOutbox(session, before: cutoff.secondsSinceEpoch, &next, rows: rows)
            } else if !next.leadsDone {
                try Self.pruneEvents(session, before: cutoff.secondsSinceEpoch, &next, rows: rows)
            }
            return next
        }
    }

    /// Sent rows (`outbox_sent`) in minting order from the cursor: a window of
    /// `rows`, of which those whose every time is before the cutoff go. The
    /// pass ends at the first window that starts with a row created at or
    /// after the cutoff (rows are minted in time order).
    private static func pruneOutbox(_ session: PostgresSession, before cutoff: Int64,
                                    _ progress: inout RetentionProgress, rows: Int) throws {
        let window = try session.query("""
            SELECT mint, created_at, greatest(created_at, coalesce(requeued_at, 0), coalesce(last_attempt_at, 0),
                                              coalesce(delivered_at, 0))
            FROM outbox WHERE state IN ('delivered', 'dead') AND mint > \(progress.outboxCursor)
            ORDER BY mint LIMIT \(rows)
            """).map { try $0.decode((Int64, Int64, Int64).self) }
        guard let first = window.first, first.1 < cutoff else {
            progress.outboxDone = true
            return
        }
        progress.outboxCursor = window.last!.0
        let old = window.filter { $0.2 < cutoff }.map(\.0)
        guard !old.isEmpty else { return }
        progress.outboxRows += try session.query("DELETE FROM outbox WHERE mint = ANY(\(old)) RETURNING 1").count
    }

    /// The next leads in capture order from the cursor (a window of ten times
    /// `rows`, read by the primary key, so a step stays short however few of
    /// a million leads are closed); each closed or erased one whose last event
    /// is before the cutoff loses its events (but the log's newest), until
    /// about `rows` events went in this step (a lead's events go together).
    private static func pruneEvents(_ session: PostgresSession, before cutoff: Int64,
                                    _ progress: inout RetentionProgress, rows: Int) throws {
        let newest = try session.scalar("SELECT max(seq) FROM events", as: Int64.self) ?? 0
        let window = try session.query("""
            SELECT l.seq, l.id, CASE WHEN l.status IN (\(unescaped: PrunedLeads.statusList))
                                       OR EXISTS (SELECT 1 FROM erased_leads x WHERE x.lead = l.id)
                                 THEN (SELECT e.at FROM events e WHERE e.lead = l.id ORDER BY e.seq DESC LIMIT 1) END
            FROM leads l WHERE l.seq > \(progress.leadCursor) ORDER BY l.seq LIMIT \(rows * 10)
            """).map { try $0.decode((Int64, String, Int64?).self) }
        guard !window.isEmpty else {
            progress.leadsDone = true
            return
        }
        var removed = 0
        for (seq, id, lastOfClosed) in window {
            progress.leadCursor = seq
            guard let last = lastOfClosed, last < cutoff else { continue }
            let gone = try session.query("DELETE FROM events WHERE lead = \(id) AND seq < \(newest) RETURNING 1").count
            guard gone > 0 else { continue }
            removed += gone
            progress.leads += 1
            if removed >= rows { break }
        }
        progress.events += removed
    }
}
