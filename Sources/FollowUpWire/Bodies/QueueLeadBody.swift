public import FollowUpCore

/// A lead as a rep's queue shows it: how to reach them and what is due.
/// `overdue` is true once the open step's deadline has passed. A snoozed lead
/// has no due time, deadline or overdue until it wakes: its `step` is the
/// step that re-opens at `snoozed_until`.
public struct QueueLeadBody: WireBody, Codable {
    public var id: String
    public var name: String?
    public var company: String?
    public var phone: String?
    public var email: String?
    public var timezone: String?
    public var priority: String
    public var score: Int
    public var status: LeadStatus
    public var step: Int?
    public var stepName: String?
    public var channel: Channel?
    public var due: Instant?
    public var deadline: Instant?
    public var overdue: Bool
    public var snoozedUntil: Instant?
    public var snoozeReason: String?
}
