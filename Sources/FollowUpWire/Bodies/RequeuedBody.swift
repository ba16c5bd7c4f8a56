public import FollowUpFormats

/// The answer to `POST /v1/outbox/{id}/retry`: how many rows of the
/// notification are due again now.
public struct RequeuedBody: WireBody {
    public var id: String
    public var requeued: Int

    public init(id: String, requeued: Int) {
        self.id = id
        self.requeued = requeued
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.int("requeued", requeued)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        requeued = try o.int("requeued")
    }
}
