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
}
