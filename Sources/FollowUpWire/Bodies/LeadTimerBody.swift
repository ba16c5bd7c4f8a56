public import FollowUpCore

/// A timer pending for a lead: what it is for (`due:2`, `deadline:1`,
/// `nurture`, `wake`, `checkin`) and when it fires.
public struct LeadTimerBody: WireBody, Codable {
    public var kind: String
    public var at: Instant
}
