/// A sales rep, as `rep.upserted` or the rule files' roster describe them.
public struct Rep: Hashable, Sendable {
    public var id: RepID
    public var name: String?
    public var email: String?
    public var team: String?
    /// The rep who covers for this one; following backups gives the escalation chain.
    public var backup: RepID?
    public var timezone: String?
    /// Share of a `weighted` team's leads (≥ 1; nil counts as 1).
    public var weight: Int?
    /// The most leads in cadence this rep holds before routing skips them (nil: no limit).
    public var capacity: Int?
    public var attributes: [String: JSONValue]

    public init(id: RepID, name: String? = nil, email: String? = nil, team: String? = nil,
                backup: RepID? = nil, timezone: String? = nil, weight: Int? = nil, capacity: Int? = nil,
                attributes: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.email = email
        self.team = team
        self.backup = backup
        self.timezone = timezone
        self.weight = weight
        self.capacity = capacity
        self.attributes = attributes
    }
}

/// Whether a rep takes leads: available, or away (optionally until an instant).
public struct Availability: Hashable, Sendable {
    public var available: Bool
    /// When an away rep is available again (inclusive); nil means until told.
    public var until: Instant?
    /// Free text (`vacation`), shown to people only.
    public var reason: String?
    /// On an event: when the change takes effect (a planned absence); nil: at once.
    /// A rep's pending change keeps it; the availability in force never has it.
    public var from: Instant?

    public init(available: Bool, until: Instant? = nil, reason: String? = nil, from: Instant? = nil) {
        self.available = available
        self.until = until
        self.reason = reason
        self.from = from
    }

    /// Available unless away, and an away rep with `until` is available from that instant on.
    public func isAvailable(at now: Instant) -> Bool {
        if available { return true }
        if let until, now >= until { return true }
        return false
    }

    /// Available, the default of a new rep.
    public static let available = Availability(available: true)
}
