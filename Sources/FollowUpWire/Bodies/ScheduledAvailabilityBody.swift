public import FollowUpCore
public import FollowUpFormats

/// A rep's planned change of availability: back at `from`, or away from
/// `from` until `until` (null: until marked back).
public struct ScheduledAvailabilityBody: WireBody {
    public var available: Bool
    public var from: Instant?
    public var until: Instant?
    public var reason: String?

    public init(available: Bool, from: Instant?, until: Instant?, reason: String?) {
        self.available = available
        self.from = from
        self.until = until
        self.reason = reason
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.bool("available", available)
        w.instantOrNull("from", from)
        w.instantOrNull("until", until)
        w.stringOrNull("reason", reason)
    }

    public init(reading o: WireObject) throws(WireError) {
        available = try o.bool("available")
        from = try o.nullableInstant("from")
        until = try o.nullableInstant("until")
        reason = try o.nullableString("reason")
    }
}
