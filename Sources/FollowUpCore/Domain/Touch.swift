/// How a rep reached (or tried to reach) a lead.
public enum Channel: String, CaseIterable, Sendable, Hashable, Codable {
    case call, email, voicemail, sms, mail, meeting, chat
}

/// What came of a touch.
public enum Outcome: String, CaseIterable, Sendable, Hashable, Codable {
    case noAnswer = "no_answer"
    case voicemail, sent, bounced, connected, replied, meeting
}

/// A contact attempt logged by a rep.
public struct Touch: Hashable, Sendable {
    public var lead: LeadID
    public var rep: RepID
    public var channel: Channel
    public var outcome: Outcome

    /// Creates a touch. Fields of the event the core does not use stay on ``Event/attributes``.
    public init(lead: LeadID, rep: RepID, channel: Channel, outcome: Outcome) {
        self.lead = lead
        self.rep = rep
        self.channel = channel
        self.outcome = outcome
    }
}
