public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/leads`: one page of leads in capture order, and
/// where the next page starts (null on the last). `timezone` is whose clock
/// the times are read on; left out when the daemon runs without rules.
public struct LeadsPageBody: WireBody {
    public var at: Instant
    public var timezone: String?
    public var leads: [LeadBody]
    public var nextAfter: Int64?

    public init(at: Instant, timezone: String?, leads: [LeadBody], nextAfter: Int64?) {
        self.at = at
        self.timezone = timezone
        self.leads = leads
        self.nextAfter = nextAfter
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instant("at", at)
        if let timezone { w.string("timezone", timezone) }
        w.beginArray("leads")
        for item in leads { item.write(to: &w) }
        w.endArray()
        w.int64OrNull("next_after", nextAfter)
    }

    public init(reading o: WireObject) throws(WireError) {
        at = try o.instant("at")
        timezone = try o.optionalString("timezone")
        leads = try o.bodies("leads")
        nextAfter = try o.nullableInt64("next_after")
    }
}
