public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Pending rows whose next attempt is due by `now`, oldest first
    /// (by next attempt, then minting order).
    public func duePending(at now: Instant, limit: Int) async throws -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            try OutboxRow.fetchAll(db.cachedStatement(sql: OutboxRow.duePendingSQL), arguments: [now.secondsSinceEpoch, limit])
        }
    }

    /// The earliest next attempt of any pending row.
    public func nextAttemptAt() async throws -> Instant? {
        try await pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: OutboxRow.nextAttemptSQL)).map(Instant.init(secondsSinceEpoch:))
        }
    }

    /// Marks pending rows delivered at `now`, all in one transaction. A row no
    /// longer pending (delivered already, a dead letter, dropped) stays as it was.
    public func markDelivered(_ keys: [OutboxKey], at now: Instant) async throws {
        try await record(keys.map { .delivered($0, via: nil) }, at: now)
    }

    /// Records a failed attempt of a pending row: one more attempt, its error,
    /// and the next try at `retryAt`, or with `retryAt` nil a dead letter.
    public func markFailed(_ key: OutboxKey, error: String, retryAt: Instant?, at now: Instant) async throws {
        try await pool.write { db in
            try db.cachedStatement(sql: OutboxRow.failedSQL).execute(arguments: [
                error, now.secondsSinceEpoch, retryAt?.secondsSinceEpoch, key.id, key.receiver,
            ])
        }
    }
}
