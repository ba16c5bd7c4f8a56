public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/leads/{id}`: the lead, its pending timers, every
/// event that named it (as received) and every notification minted for it with
/// its delivery state, oldest first. `at` and `timezone` (the daemon's now and
/// the owner's zone, so a client can show the UTC times on the owner's clock)
/// are left out when the daemon runs without rules.
public struct LeadRecordBody: WireBody {
    public var at: Instant?
    public var timezone: String?
    public var lead: LeadBody
    public var timers: [LeadTimerBody]
    public var events: [LoggedEventBody]
    public var notifications: [LeadNotificationBody]

    public init(at: Instant?, timezone: String?, lead: LeadBody, timers: [LeadTimerBody], events: [LoggedEventBody],
                notifications: [LeadNotificationBody]) {
        self.at = at
        self.timezone = timezone
        self.lead = lead
        self.timers = timers
        self.events = events
        self.notifications = notifications
    }

    public func writeMembers(to w: inout JSONWriter) {
        if let at { w.instant("at", at) }
        if let timezone { w.string("timezone", timezone) }
        lead.write(to: &w, key: "lead")
        w.bodies("timers", timers)
        w.bodies("events", events)
        w.bodies("notifications", notifications)
    }

    public init(reading o: WireObject) throws(Diagnostic) {
        at = try o.optional("at")
        timezone = try o.optional("timezone")
        lead = try o.body("lead")
        timers = try o.bodies("timers")
        events = try o.bodies("events")
        notifications = try o.bodies("notifications")
    }
}
