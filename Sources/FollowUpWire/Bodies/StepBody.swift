public import FollowUpCore

/// A lead's open step as `GET /v1/leads/{id}` shows it: when it is due, its
/// deadline, whether it was notified or breached and when a breach repeats;
/// `channel` and `name` (what the step asks, "confirmation") come from the
/// rules in force, null without them.
public struct StepBody: WireBody, Codable {
    public var number: Int
    public var due: Instant
    public var deadline: Instant
    public var dueNotified: Bool
    public var breached: Bool
    public var repeatAt: Instant?
    public var breaches: Int
    public var channel: Channel?
    public var name: String?
}
