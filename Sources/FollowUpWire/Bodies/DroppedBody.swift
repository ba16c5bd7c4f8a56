
/// The answer to `DELETE /v1/outbox/{id}`: how many undelivered rows of the
/// notification were dropped.
public struct DroppedBody: WireBody, Codable {
    public var id: String
    public var dropped: Int

    public init(id: String, dropped: Int) {
        self.id = id
        self.dropped = dropped
    }
}
