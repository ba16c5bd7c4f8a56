import FollowUpCore
import GRDB

extension StoreWorld: TimelineTransaction {
    func log(_ event: Event, source: String, receivedAt: Instant) throws -> Int64 {
        if let refusal = try SQLiteLeadStore.erasedLeadRefusal(event, db) { throw refusal }
        let seq = try EventRow.insert(event, source: source, receivedAt: receivedAt, db)
        if let lead = event.lead {
            changedLeads.insert(lead)
            recorded.logged(event)
        }
        return seq
    }

    /// Routes are decided here, at mint time and as the lead stands in this
    /// transaction, so a config reload never re-routes what is queued.
    func queue(_ notifications: [LeadNotification], createdAt: Instant) throws {
        for notification in notifications { changedLeads.insert(notification.lead) }
        try OutboxRow.insert(notifications, receivers: { self.routing($0, self.routeFacts(of: $0.lead)) },
                             createdAt: createdAt, tallies: &tallies, db, wrote: { self.recorded.queued($0) })
    }

    func reached(_ instant: Instant) {
        if reachedAt.map({ instant > $0 }) ?? true { reachedAt = instant }
    }

    func storedAnswer(forKey key: String) throws -> StoredAnswer? {
        try Row.fetchOne(db, sql: "SELECT fingerprint, body FROM idempotency_keys WHERE key = ?", arguments: [key])
            .map { StoredAnswer(fingerprint: $0[0], body: $0[1]) }
    }

    /// The expired answers go oldest first through `idempotency_keys_age`
    /// (v14): one index range, however many keys are younger.
    func store(_ answer: StoredAnswer, forKey key: String, at: Instant) throws {
        try db.execute(sql: """
            DELETE FROM idempotency_keys WHERE key IN
                (SELECT key FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)
            """, arguments: [(at - StoredAnswer.lifetime).secondsSinceEpoch, StoredAnswer.forgottenPerWrite])
        try db.execute(sql: "INSERT INTO idempotency_keys (key, fingerprint, body, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key, answer.fingerprint, answer.body, at.secondsSinceEpoch])
    }
}
