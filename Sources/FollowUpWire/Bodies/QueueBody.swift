public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/reps/{id}/queue`: the rep's standing first (whoever
/// reads the worklist should know that its owner is away or leaving), then
/// what they must do now (most urgent first), next, and their snoozed leads
/// (soonest wake-up first). `timezone` is the clock the rep reads times on;
/// left out when the daemon runs without rules.
public struct QueueBody: WireBody {
    public var rep: String
    public var at: Instant
    public var timezone: String?
    /// Members written inline, beside this body's own.
    public var standing: RepStandingBody
    public var now: [QueueLeadBody]
    public var next: [QueueLeadBody]
    public var snoozed: [QueueLeadBody]

    public init(rep: String, at: Instant, timezone: String?, standing: RepStandingBody, now: [QueueLeadBody],
                next: [QueueLeadBody], snoozed: [QueueLeadBody]) {
        self.rep = rep
        self.at = at
        self.timezone = timezone
        self.standing = standing
        self.now = now
        self.next = next
        self.snoozed = snoozed
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("rep", rep)
        w.instant("at", at)
        if let timezone { w.string("timezone", timezone) }
        standing.writeMembers(to: &w)
        w.beginArray("now")
        for item in now { item.write(to: &w) }
        w.endArray()
        w.beginArray("next")
        for item in next { item.write(to: &w) }
        w.endArray()
        w.beginArray("snoozed")
        for item in snoozed { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        rep = try o.string("rep")
        at = try o.instant("at")
        timezone = try o.optionalString("timezone")
        standing = try RepStandingBody(reading: o)
        now = try o.bodies("now")
        next = try o.bodies("next")
        snoozed = try o.bodies("snoozed")
    }
}
