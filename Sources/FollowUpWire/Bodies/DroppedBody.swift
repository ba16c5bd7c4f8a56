public import FollowUpFormats

/// The answer to `DELETE /v1/outbox/{id}`: how many undelivered rows of the
/// notification were dropped.
public struct DroppedBody: WireBody {
    public var id: String
    public var dropped: Int

    public init(id: String, dropped: Int) {
        self.id = id
        self.dropped = dropped
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.int("dropped", dropped)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        dropped = try o.int("dropped")
    }
}
