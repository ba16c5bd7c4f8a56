/// Notifications waiting for, or done with, delivery. Rows are written by
/// ``LeadStore`` in the same transaction as the state that minted them, one
/// per receiver; delivery only changes their state.
public protocol Outbox: Sendable {
    /// Pending rows whose next attempt is due by `now`, oldest first.
    func duePending(at now: Instant, limit: Int) async throws -> [OutboxEntry]
    /// The earliest next attempt of any pending row (to sleep until it).
    func nextAttemptAt() async throws -> Instant?
    /// Marks rows delivered.
    func markDelivered(_ keys: [OutboxKey], at now: Instant) async throws
    /// Records a failed attempt; with `retryAt` nil the row becomes a dead letter.
    func markFailed(_ key: OutboxKey, error: String, retryAt: Instant?, at now: Instant) async throws
}

/// A notification and the receiver it goes to: the outbox's primary key.
public struct OutboxKey: Hashable, Sendable {
    public var id: String
    public var receiver: String

    public init(id: String, receiver: String) {
        self.id = id
        self.receiver = receiver
    }
}

/// Where a notification stands with one receiver.
public enum OutboxState: String, Sendable, Hashable, CaseIterable {
    case pending, delivered, dead
}

/// One outbox row.
public struct OutboxEntry: Sendable, Hashable {
    public var notification: LeadNotification
    public var receiver: String
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Instant
    public var lastError: String?
    public var createdAt: Instant
    public var deliveredAt: Instant?

    public init(notification: LeadNotification, receiver: String, state: OutboxState, attempts: Int,
                nextAttemptAt: Instant, lastError: String?, createdAt: Instant, deliveredAt: Instant?) {
        self.notification = notification
        self.receiver = receiver
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }

    public var key: OutboxKey { OutboxKey(id: notification.id, receiver: receiver) }
}
