public import FollowUpCore

/// A notification minted for a lead, with where it stands with one receiver
/// (a lead record lists one per receiver).
public struct LeadNotificationBody: WireBody, Codable {
    public var id: String
    public var at: Instant
    public var kind: NotificationKind
    public var to: String
    public var step: Int?
    public var channel: Channel?
    public var deadline: Instant?
    public var reason: NotificationReason?
    public var receiver: String
    public var state: OutboxState
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Instant?
    public var deliveredAt: Instant?
}
