public import FollowUpCore

/// Where the API hands events: the timeline that applies them in order,
/// firing due timers first. A request commits whole or not at all (requests
/// may share a transaction; each is acknowledged only after it commits).
public protocol EventIntake: Sendable {
    /// Validates the batch whole (nothing applies if one event is bad), then
    /// applies each event at its `at` (nil: now). Returns one result per event.
    /// - Throws: ``EventBatchError`` for a bad event; other errors are storage failures.
    func submit(_ events: [PendingEvent], source: String) async throws -> [AcceptedEvent]
    /// ``submit(_:source:)`` at most once per `once.key`: returns the answer's
    /// body, made and kept when the batch applies, or the kept one when the
    /// key was applied before with the same body.
    /// - Throws: ``IdempotencyConflict`` when the key came with another body;
    ///   what ``submit(_:source:)`` throws.
    func submit(_ events: [PendingEvent], source: String, once: IdempotentRequest) async throws -> String
}

/// An event as the API received it: `at` may be absent (then the daemon's now applies).
public struct PendingEvent: Sendable {
    public var event: Event
    /// Whether `at` was given; when not, `event.at` is replaced by the daemon's now.
    public var hasTime: Bool

    public init(event: Event, hasTime: Bool) {
        self.event = event
        self.hasTime = hasTime
    }

    /// The event with its `at` filled in: its own, or `now` when it came without one.
    public func placed(now: Instant) -> Event {
        var event = event
        if !hasTime { event.at = now }
        return event
    }
}

/// What the daemon did with one event.
public struct AcceptedEvent: Sendable {
    /// Position in the event log.
    public var seq: Int64
    /// The time it was applied at (its `at`, or later when it arrived after
    /// the timeline had moved past it).
    public var appliedAt: Instant
    /// Notifications it caused.
    public var notifications: [LeadNotification]
}
