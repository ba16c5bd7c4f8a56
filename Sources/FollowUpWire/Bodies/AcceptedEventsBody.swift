
/// The answer to `POST /v1/events`: every event of the request, in the order sent.
public struct AcceptedEventsBody: WireBody, Codable {
    public var accepted: [AcceptedEventBody]

    public init(accepted: [AcceptedEventBody]) {
        self.accepted = accepted
    }
}
