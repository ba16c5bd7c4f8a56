public import FollowUpCore

/// The answer to `GET /v1/leads`: one page of leads in capture order, and
/// where the next page starts (null on the last). `timezone` is whose clock
/// the times are read on; left out when the daemon runs without rules.
public struct LeadsPageBody: WireBody, Codable {
    public var at: Instant
    @OmittedWhenNil public var timezone: String?
    public var leads: [LeadBody]
    public var nextAfter: Int64?

    public init(at: Instant, timezone: String?, leads: [LeadBody], nextAfter: Int64?) {
        self.at = at
        self.timezone = timezone
        self.leads = leads
        self.nextAfter = nextAfter
    }
}
