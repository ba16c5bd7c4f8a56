public import FollowUpCore

/// One event `POST /v1/events` applied: its place in the event log, what it
/// was, and the ids of the notifications it minted.
public struct AcceptedEventBody: WireBody, Codable {
    public var seq: Int64
    public var type: String
    public var lead: String?
    public var appliedAt: Instant
    public var notifications: [String]

    public init(seq: Int64, type: String, lead: String?, appliedAt: Instant, notifications: [String]) {
        self.seq = seq
        self.type = type
        self.lead = lead
        self.appliedAt = appliedAt
        self.notifications = notifications
    }
}
