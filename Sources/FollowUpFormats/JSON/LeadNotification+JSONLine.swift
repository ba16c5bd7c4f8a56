public import FollowUpCore

extension LeadNotification {
    /// Reads back what ``LeadNotification/jsonLine`` wrote (the outbox payload).
    public init(jsonLine: String) throws(JSONColumnError) {
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
        self.init(id: id, at: at, kind: kind, lead: lead, to: to, step: int("step"),
                  channel: string("channel").flatMap(Channel.init), deadline: instant("deadline"),
                  reason: string("reason").flatMap(NotificationReason.init), action: string("action"), score: int("score"),
                  acceptBy: instant("accept_by"))
    }
}
