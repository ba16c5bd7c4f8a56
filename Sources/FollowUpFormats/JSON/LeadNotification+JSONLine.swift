public import FollowUpCore

extension LeadNotification {
    /// Reads back what ``LeadNotification/jsonLine`` wrote (the outbox payload),
    /// with the recipient kind the store keeps beside it (the payload is what
    /// relays receive, so it does not carry the kind).
    public init(jsonLine: String, recipient: RecipientKind) throws(JSONColumnError) {
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(jsonLine)
        } catch {
            throw JSONColumnError("payload: \(error.description)")
        }
        func string(_ key: String) -> String? {
            if case .string(let s)? = value[key] { s } else { nil }
        }
        func instant(_ key: String) -> Instant? { string(key).flatMap(RFC3339.parse) }
        guard let id = string("id"), let at = instant("at"), let kind = string("kind").flatMap(NotificationKind.init),
              let lead = string("lead"), let to = string("to")
        else { throw JSONColumnError("payload: not a notification: \(jsonLine)") }
        func int(_ key: String) -> Int? {
            if case .number(let s)? = value[key] { Int(s) } else { nil }
        }
        self.init(id: id, at: at, kind: kind, lead: lead, to: to, recipient: recipient, step: int("step"),
                  channel: string("channel").flatMap(Channel.init), deadline: instant("deadline"),
                  reason: string("reason").flatMap(NotificationReason.init), action: string("action"), score: int("score"),
                  acceptBy: instant("accept_by"))
    }

    /// Reads a payload whose recipient kind is not at hand: an acknowledgement
    /// goes to the lead, anything else is taken for a rep. For rewriting a
    /// payload (erasure), which never writes the kind; the stores read the
    /// kind from the outbox's `recipient` column.
    public init(jsonLine: String) throws(JSONColumnError) {
        try self.init(jsonLine: jsonLine, recipient: .rep)
        if kind == .leadAcknowledgement { recipient = .lead }
    }
}
