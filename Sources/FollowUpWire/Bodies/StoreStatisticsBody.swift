public import FollowUpCore
public import FollowUpFormats

/// The store's counts in `GET /v1/status`: events logged, leads by status and
/// outbox rows by state (every status and state listed, zero included), open
/// leads, and pending timers with the next one's time.
public struct StoreStatisticsBody: WireBody {
    public var events: Int64
    public var leads: [LeadStatus: Int]
    public var openLeads: Int
    public var pendingTimers: Int
    public var nextTimerAt: Instant?
    public var outbox: [OutboxState: Int]

    public init(events: Int64, leads: [LeadStatus: Int], openLeads: Int, pendingTimers: Int, nextTimerAt: Instant?,
                outbox: [OutboxState: Int]) {
        self.events = events
        self.leads = leads
        self.openLeads = openLeads
        self.pendingTimers = pendingTimers
        self.nextTimerAt = nextTimerAt
        self.outbox = outbox
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.int64("events", events)
        w.beginObject("leads")
        for item in LeadStatus.allCases { w.int(item.rawValue, leads[item] ?? 0) }
        w.endObject()
        w.int("open_leads", openLeads)
        w.int("pending_timers", pendingTimers)
        w.instantOrNull("next_timer_at", nextTimerAt)
        w.beginObject("outbox")
        for item in OutboxState.allCases { w.int(item.rawValue, outbox[item] ?? 0) }
        w.endObject()
    }

    public init(reading o: WireObject) throws(Diagnostic) {
        events = try o.member("events")
        leads = try o.counts("leads")
        openLeads = try o.member("open_leads")
        pendingTimers = try o.member("pending_timers")
        nextTimerAt = try o.nullable("next_timer_at")
        outbox = try o.counts("outbox")
    }
}
