public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/leads/{id}/events`: what replays the lead (its
/// events, those of leads merged into it and every rep event) in the order the
/// daemon applied them.
public struct LeadEventsBody: WireBody {
    public var lead: String
    public var events: [LoggedEventBody]

    public init(lead: String, events: [LoggedEventBody]) {
        self.lead = lead
        self.events = events
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("lead", lead)
        w.bodies("events", events)
    }

    public init(reading o: WireObject) throws(Diagnostic) {
        lead = try o.member("lead")
        events = try o.bodies("events")
    }
}
