public import FollowUpCore

/// One row of `GET /v1/outbox`: the notification, its receiver and where
/// delivery stands, with the fallback that delivered it (`via`), if one did.
/// `next_attempt_at` is null unless the row is pending.
public struct OutboxRowBody: WireBody, Codable {
    public var id: String
    public var lead: String
    public var kind: NotificationKind
    public var at: Instant
    public var to: String
    public var receiver: String
    public var state: OutboxState
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Instant?
    public var createdAt: Instant
    public var requeuedAt: Instant?
    public var deliveredAt: Instant?
    public var via: String?

    public init(id: String, lead: String, kind: NotificationKind, at: Instant, to: String, receiver: String,
                state: OutboxState, attempts: Int, lastError: String?, nextAttemptAt: Instant?, createdAt: Instant,
                requeuedAt: Instant?, deliveredAt: Instant?, via: String?) {
        self.id = id
        self.lead = lead
        self.kind = kind
        self.at = at
        self.to = to
        self.receiver = receiver
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.requeuedAt = requeuedAt
        self.deliveredAt = deliveredAt
        self.via = via
    }
}
