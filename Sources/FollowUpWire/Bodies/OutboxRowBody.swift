public import FollowUpCore
public import FollowUpFormats

/// One row of `GET /v1/outbox`: the notification, its receiver and where
/// delivery stands, with the fallback that delivered it (`via`), if one did.
/// `next_attempt_at` is null unless the row is pending.
public struct OutboxRowBody: WireBody {
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

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.string("lead", lead)
        w.string("kind", kind.rawValue)
        w.instant("at", at)
        w.string("to", to)
        w.string("receiver", receiver)
        w.string("state", state.rawValue)
        w.int("attempts", attempts)
        w.stringOrNull("last_error", lastError)
        w.instantOrNull("next_attempt_at", nextAttemptAt)
        w.instant("created_at", createdAt)
        w.instantOrNull("requeued_at", requeuedAt)
        w.instantOrNull("delivered_at", deliveredAt)
        w.stringOrNull("via", via)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        lead = try o.string("lead")
        kind = try o.word("kind")
        at = try o.instant("at")
        to = try o.string("to")
        receiver = try o.string("receiver")
        state = try o.word("state")
        attempts = try o.int("attempts")
        lastError = try o.nullableString("last_error")
        nextAttemptAt = try o.nullableInstant("next_attempt_at")
        createdAt = try o.instant("created_at")
        requeuedAt = try o.nullableInstant("requeued_at")
        deliveredAt = try o.nullableInstant("delivered_at")
        via = try o.nullableString("via")
    }
}
