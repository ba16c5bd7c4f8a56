public import FollowUpCore
public import FollowUpFormats

/// One event `POST /v1/events` applied: its place in the event log, what it
/// was, and the ids of the notifications it minted.
public struct AcceptedEventBody: WireBody {
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

    public func writeMembers(to w: inout JSONWriter) {
        w.int64("seq", seq)
        w.string("type", type)
        w.stringOrNull("lead", lead)
        w.instant("applied_at", appliedAt)
        w.beginArray("notifications")
        for item in notifications { w.string(nil, item) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        seq = try o.int64("seq")
        type = try o.string("type")
        lead = try o.nullableString("lead")
        appliedAt = try o.instant("applied_at")
        notifications = try o.strings("notifications")
    }
}
