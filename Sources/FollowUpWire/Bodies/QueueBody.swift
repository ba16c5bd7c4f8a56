public import FollowUpCore

/// The answer to `GET /v1/reps/{id}/queue`: the rep's standing first (whoever
/// reads the worklist should know that its owner is away or leaving), then
/// what they must do now (most urgent first), next, and their snoozed leads
/// (soonest wake-up first). `timezone` is the clock the rep reads times on;
/// left out when the daemon runs without rules.
public struct QueueBody: WireBody, Codable {
    public var rep: String
    public var at: Instant
    @OmittedWhenNil public var timezone: String?
    /// Members written inline, beside this body's own.
    @Inline public var standing: RepStandingBody
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
}
