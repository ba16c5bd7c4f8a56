/// What the delivery loop decides after an attempt failed: try again (when),
/// or give up (a dead letter), by the error's kind and the notification's age.
/// Pure: `now` is given.
public struct DeliveryPolicy: Sendable, Hashable {
    public var backoff: RetryBackoff
    /// A notification still failing this long after it was queued is a dead letter.
    public var deadLetterAfter: TimeSpan
    /// A receiver failing for this long hands its notifications to ``fallback``.
    public var fallbackAfter: TimeSpan
    /// The receiver that takes over from a failing one; nil: none.
    public var fallback: String?
    /// How often a failing receiver is tried with one notification while its
    /// backlog waits on the backoff: when it answers, the backlog is released
    /// at once instead of waiting up to the backoff's cap.
    public var probeInterval: TimeSpan

    public init(backoff: RetryBackoff = RetryBackoff(), deadLetterAfter: TimeSpan = .hours(24),
                fallbackAfter: TimeSpan = .minutes(10), fallback: String? = nil, probeInterval: TimeSpan = TimeSpan(seconds: 5)) {
        self.backoff = backoff
        self.deadLetterAfter = deadLetterAfter
        self.fallbackAfter = fallbackAfter
        self.fallback = fallback
        self.probeInterval = probeInterval
    }

    /// After a failure that may pass: the next attempt, or nil when the
    /// notification is too old to keep trying (a dead letter).
    /// - Parameters:
    ///   - attempts: failed attempts so far, this one included.
    ///   - queuedAt: when the row was queued (or re-queued by an admin).
    public func retryAt(attempts: Int, queuedAt: Instant, now: Instant, jitter: Double) -> Instant? {
        guard now - queuedAt < deadLetterAfter else { return nil }
        return now + backoff.wait(after: attempts, jitter: jitter)
    }

    /// Whether a receiver failing since `failingSince` should hand over to the fallback now.
    public func fallsBack(receiver: String, failingSince: Instant?, now: Instant) -> Bool {
        guard let fallback, fallback != receiver, let failingSince else { return false }
        return now - failingSince >= fallbackAfter
    }
}
