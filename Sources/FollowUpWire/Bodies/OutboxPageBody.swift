public import FollowUpFormats

/// The answer to `GET /v1/outbox`: the rows that match, newest first.
public struct OutboxPageBody: WireBody {
    public var notifications: [OutboxRowBody]

    public init(notifications: [OutboxRowBody]) {
        self.notifications = notifications
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.beginArray("notifications")
        for item in notifications { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        notifications = try o.bodies("notifications")
    }
}
