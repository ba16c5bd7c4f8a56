/// A store that can remove a lead's personal data (docs/semantics.md,
/// "Erasing a lead"): both stores, for `POST /v1/leads/{id}/erase`.
public protocol LeadErasing: Sendable {
    /// Removes `lead`'s personal data from every table, keeping what the reports count.
    /// - Returns: what was rewritten, or nil for an unknown lead.
    func erase(_ lead: LeadID, at now: Instant) async throws -> LeadErasure?
}

/// What an erasure did.
public struct LeadErasure: Sendable, Hashable {
    public var lead: LeadID
    /// Events whose bodies were rewritten without personal data.
    public var events: Int
    /// Outbox rows whose payloads were rewritten.
    public var notifications: Int
    /// Pending timers removed: nothing more fires for the lead.
    public var timers: Int
    /// Undelivered notifications turned dead: nothing more is sent for the lead.
    public var undelivered: Int
    /// Whether the old bytes are gone from the database's log too: SQLite's
    /// write-ahead log emptied at once (false when a long reader held it; the
    /// next checkpoint does it). Always false on PostgreSQL, whose old row
    /// versions go with VACUUM and whose WAL segments go when recycled.
    public var logEmptied: Bool

    public init(lead: LeadID, events: Int, notifications: Int, timers: Int, undelivered: Int, logEmptied: Bool) {
        self.lead = lead
        self.events = events
        self.notifications = notifications
        self.timers = timers
        self.undelivered = undelivered
        self.logEmptied = logEmptied
    }
}
