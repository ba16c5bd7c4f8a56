public import FollowUpFormats

/// The answer to `POST /v1/events`: every event of the request, in the order sent.
public struct AcceptedEventsBody: WireBody {
    public var accepted: [AcceptedEventBody]

    public init(accepted: [AcceptedEventBody]) {
        self.accepted = accepted
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.beginArray("accepted")
        for item in accepted { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        accepted = try o.bodies("accepted")
    }
}
