public import FollowUpCore
public import FollowUpFormats

/// A notification minted for a lead, with where it stands with one receiver
/// (a lead record lists one per receiver).
public struct LeadNotificationBody: WireBody {
    public var id: String
    public var at: Instant
    public var kind: NotificationKind
    public var to: String
    public var step: Int?
    public var channel: Channel?
    public var deadline: Instant?
    public var reason: NotificationReason?
    public var receiver: String
    public var state: OutboxState
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Instant?
    public var deliveredAt: Instant?

    public init(id: String, at: Instant, kind: NotificationKind, to: String, step: Int?, channel: Channel?,
                deadline: Instant?, reason: NotificationReason?, receiver: String, state: OutboxState, attempts: Int,
                lastError: String?, nextAttemptAt: Instant?, deliveredAt: Instant?) {
        self.id = id
        self.at = at
        self.kind = kind
        self.to = to
        self.step = step
        self.channel = channel
        self.deadline = deadline
        self.reason = reason
        self.receiver = receiver
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.instant("at", at)
        w.string("kind", kind.rawValue)
        w.string("to", to)
        w.intOrNull("step", step)
        w.stringOrNull("channel", channel?.rawValue)
        w.instantOrNull("deadline", deadline)
        w.stringOrNull("reason", reason?.rawValue)
        w.string("receiver", receiver)
        w.string("state", state.rawValue)
        w.int("attempts", attempts)
        w.stringOrNull("last_error", lastError)
        w.instantOrNull("next_attempt_at", nextAttemptAt)
        w.instantOrNull("delivered_at", deliveredAt)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        at = try o.instant("at")
        kind = try o.word("kind")
        to = try o.string("to")
        step = try o.nullableInt("step")
        channel = try o.nullableWord("channel")
        deadline = try o.nullableInstant("deadline")
        reason = try o.nullableWord("reason")
        receiver = try o.string("receiver")
        state = try o.word("state")
        attempts = try o.int("attempts")
        lastError = try o.nullableString("last_error")
        nextAttemptAt = try o.nullableInstant("next_attempt_at")
        deliveredAt = try o.nullableInstant("delivered_at")
    }
}
