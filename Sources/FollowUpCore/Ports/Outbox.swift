/// Notifications waiting for, or done with, delivery. Rows are written by
/// ``LeadStore`` in the same transaction as the state that minted them, one
/// per receiver; delivery only changes their state.
public protocol Outbox: Sendable {
    /// Pending rows whose next attempt is due by `now`, oldest first.
    func duePending(at now: Instant, limit: Int) async throws -> [OutboxEntry]
    /// One receiver's pending rows due by `now`, oldest first: each receiver drains on its own.
    func duePending(receiver: String, at now: Instant, limit: Int) async throws -> [OutboxEntry]
    /// The earliest next attempt of any pending row (to sleep until it).
    func nextAttemptAt() async throws -> Instant?
    /// The earliest next attempt of one receiver's pending rows.
    func nextAttemptAt(receiver: String) async throws -> Instant?
    /// Marks rows delivered.
    func markDelivered(_ keys: [OutboxKey], at now: Instant) async throws
    /// Records a failed attempt; with `retryAt` nil the row becomes a dead letter.
    func markFailed(_ key: OutboxKey, error: String, retryAt: Instant?, at now: Instant) async throws
    /// Records what a group of attempts came to, all in one write transaction.
    func record(_ outcomes: [DeliveryOutcome], at now: Instant) async throws
    /// Makes every pending row of `receiver` due at `now`: the receiver was
    /// failing and answers again, so its backlog need not wait out the backoff.
    /// Returns how many rows were waiting.
    func releaseBacklog(receiver: String, at now: Instant) async throws -> Int
    /// Rows for admins (`followupctl outbox list`), newest first.
    func entries(_ query: OutboxQuery) async throws -> [OutboxEntry]
    /// Puts dead (or pending) rows of notification `id` back in line, due at `now`
    /// and aged from `now`; `receiver` nil means every receiver. Returns how many rows.
    func requeue(id: String, receiver: String?, at now: Instant) async throws -> Int
    /// Deletes undelivered rows of notification `id`; `receiver` nil means every receiver.
    /// Returns how many rows; delivered rows stay (they are history).
    func drop(id: String, receiver: String?) async throws -> Int
    /// Row counts by receiver and state (for `/metrics`).
    func countsByReceiver() async throws -> [String: [OutboxState: Int]]
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
public enum OutboxState: String, Sendable, Hashable, CaseIterable, Codable {
    case pending, delivered, dead
}

/// What one delivery attempt of one row came to, as the outbox records it.
public enum DeliveryOutcome: Sendable, Hashable {
    /// Delivered; `via` names the fallback receiver when the row's own receiver was failing.
    case delivered(OutboxKey, via: String?)
    /// Failed: try again at `retryAt`, or with nil, a dead letter.
    case failed(OutboxKey, error: String, retryAt: Instant?)
}

/// A filter over outbox rows, for admins.
public struct OutboxQuery: Sendable, Hashable {
    public var state: OutboxState?
    public var receiver: String?
    public var id: String?
    public var limit: Int

    public init(state: OutboxState? = nil, receiver: String? = nil, id: String? = nil, limit: Int = 100) {
        self.state = state
        self.receiver = receiver
        self.id = id
        self.limit = limit
    }
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
    /// The fallback receiver that delivered it instead of ``receiver``, if one did.
    public var via: String?
    /// When an admin last put it back in line (`followupctl outbox retry`); ages count from then.
    public var requeuedAt: Instant?

    public init(notification: LeadNotification, receiver: String, state: OutboxState, attempts: Int,
                nextAttemptAt: Instant, lastError: String?, createdAt: Instant, deliveredAt: Instant?,
                via: String? = nil, requeuedAt: Instant? = nil) {
        self.notification = notification
        self.receiver = receiver
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.via = via
        self.requeuedAt = requeuedAt
    }

    public var key: OutboxKey { OutboxKey(id: notification.id, receiver: receiver) }

    /// Where its age counts from: queued, or re-queued by an admin.
    public var queuedAt: Instant { requeuedAt ?? createdAt }
}
