public import FollowUpFormats

/// The answer to `POST /v1/leads/{id}/erase`: what was rewritten, cancelled
/// and dropped, and whether the write-ahead log was emptied (false when a
/// reader held it: the erasure is committed all the same).
public struct ErasureBody: WireBody {
    public var lead: String
    public var erased: Bool
    public var events: Int
    public var notifications: Int
    public var timers: Int
    public var undelivered: Int
    public var logEmptied: Bool

    public init(lead: String, erased: Bool, events: Int, notifications: Int, timers: Int, undelivered: Int,
                logEmptied: Bool) {
        self.lead = lead
        self.erased = erased
        self.events = events
        self.notifications = notifications
        self.timers = timers
        self.undelivered = undelivered
        self.logEmptied = logEmptied
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("lead", lead)
        w.bool("erased", erased)
        w.int("events", events)
        w.int("notifications", notifications)
        w.int("timers", timers)
        w.int("undelivered", undelivered)
        w.bool("log_emptied", logEmptied)
    }

    public init(reading o: WireObject) throws(WireError) {
        lead = try o.string("lead")
        erased = try o.bool("erased")
        events = try o.int("events")
        notifications = try o.int("notifications")
        timers = try o.int("timers")
        undelivered = try o.int("undelivered")
        logEmptied = try o.bool("log_emptied")
    }
}
