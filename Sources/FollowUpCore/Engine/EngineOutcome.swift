/// What applying one input produced: the notifications to send, and (when the
/// engine explains) sentences saying why things happened.
public struct EngineOutcome: Sendable {
    public var notifications: [LeadNotification] = []
    public var notes: [EngineNote] = []

    public init() {}
}

/// One sentence of `explain`: at `at`, about `lead` (nil for rep events).
public struct EngineNote: Hashable, Sendable {
    public var at: Instant
    public var lead: LeadID?
    public var text: String
}
