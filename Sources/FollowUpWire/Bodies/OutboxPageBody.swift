
/// The answer to `GET /v1/outbox`: the rows that match, newest first.
public struct OutboxPageBody: WireBody, Codable {
    public var notifications: [OutboxRowBody]

    public init(notifications: [OutboxRowBody]) {
        self.notifications = notifications
    }
}
