public import FollowUpCore

extension OutboxRowBody {
    /// One row of `GET /v1/outbox`; a retry time only while the row is pending.
    public init(_ entry: OutboxEntry) {
        let n = entry.notification
        self.init(id: n.id, lead: n.lead, kind: n.kind, at: n.at, to: n.to, receiver: entry.receiver, state: entry.state,
                  attempts: entry.attempts, lastError: entry.lastError,
                  nextAttemptAt: entry.state == .pending ? entry.nextAttemptAt : nil, createdAt: entry.createdAt,
                  requeuedAt: entry.requeuedAt, deliveredAt: entry.deliveredAt, via: entry.via)
    }
}
