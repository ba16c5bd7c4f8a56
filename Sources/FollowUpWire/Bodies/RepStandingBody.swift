public import FollowUpFormats

/// Where a rep stands, as `GET /v1/reps` and a rep's queue both show it: the
/// availability in force, the planned change or null, and whether they left
/// for good (a deactivated rep takes no leads whatever `availability` says).
/// Its members are written inline, beside the rep's or the queue's own.
public struct RepStandingBody: WireBody {
    public var availability: AvailabilityBody
    public var scheduled: ScheduledAvailabilityBody?
    public var deactivated: Bool

    public init(availability: AvailabilityBody, scheduled: ScheduledAvailabilityBody?, deactivated: Bool) {
        self.availability = availability
        self.scheduled = scheduled
        self.deactivated = deactivated
    }

    public func writeMembers(to w: inout JSONWriter) {
        availability.write(to: &w, key: "availability")
        if let scheduled { scheduled.write(to: &w, key: "scheduled") } else { w.null("scheduled") }
        w.bool("deactivated", deactivated)
    }

    public init(reading o: WireObject) throws(WireError) {
        availability = try o.body("availability")
        scheduled = try o.nullableBody("scheduled")
        deactivated = try o.bool("deactivated")
    }
}
