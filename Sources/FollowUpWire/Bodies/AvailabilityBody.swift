public import FollowUpCore
public import FollowUpFormats

/// A rep's availability in force: away reads as `available: false` with when
/// it ends (null: until marked back) and why. An absence whose `until` has
/// passed reads as available, as routing reads it.
public struct AvailabilityBody: WireBody {
    public var available: Bool
    public var until: Instant?
    public var reason: String?

    public init(available: Bool, until: Instant?, reason: String?) {
        self.available = available
        self.until = until
        self.reason = reason
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.bool("available", available)
        w.instantOrNull("until", until)
        w.stringOrNull("reason", reason)
    }

    public init(reading o: WireObject) throws(WireError) {
        available = try o.bool("available")
        until = try o.nullableInstant("until")
        reason = try o.nullableString("reason")
    }
}
