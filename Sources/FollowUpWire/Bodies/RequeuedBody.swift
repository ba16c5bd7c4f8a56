
/// The answer to `POST /v1/outbox/{id}/retry`: how many rows of the
/// notification are due again now.
public struct RequeuedBody: WireBody, Codable {
    public var id: String
    public var requeued: Int

    public init(id: String, requeued: Int) {
        self.id = id
        self.requeued = requeued
    }
}
