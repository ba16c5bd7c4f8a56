public import FollowUpCore
import Foundation

/// What a message template sees: the notification, and what a rep needs to
/// call well — who the lead is (company, title, source, score), what they did
/// (pages, downloads), the touches so far, the step and its deadline, and how
/// to log the touch. Built at delivery time from the store (the outbox row
/// carries only the notification), so it shows the lead as it is when the
/// message leaves, not as it was when it was queued.
public struct MessageContext: Sendable {
    public var notification: LeadNotification
    /// The lead's record; nil when the lead is unknown (the message still goes out, with the id only).
    public var record: LeadRecord?
    /// The recipient when `to` is a rep.
    public var rep: Rep?
    /// The rule of the step the notification is about, so a message can say
    /// what it asks ("send the confirmation email"), not "step 2".
    public var stepRule: StepRule?
    /// The zone the reader's clock shows: the rep's time zone, else the lead's
    /// calendar's; nil reads times in UTC.
    public var readerZone: ZoneRules?
    /// The link to the lead in the CRM, when `lead_url` is configured.
    public var leadURL: String?

    public init(notification: LeadNotification, record: LeadRecord?, rep: Rep?, stepRule: StepRule? = nil,
                readerZone: ZoneRules? = nil) {
        self.notification = notification
        self.record = record
        self.rep = rep
        self.stepRule = stepRule
        self.readerZone = readerZone
    }

    /// `instant` on the reader's clock, the zone named: `Tue 2026-11-24 10:05 America/New_York`.
    public func readable(_ instant: Instant) -> String {
        (readerZone ?? .utc).readable(instant)
    }

    /// The email address the message goes to, by what `to` names
    /// (``LeadNotification/recipient``): the lead's own address (`to` itself,
    /// the record's once `to` is erased); a rep's email on file; the fallback
    /// receiver's (a rep's email when it names one, else its name when the
    /// rules give an address). Nil: the receiver's `default_to`.
    public var recipientAddress: String? {
        switch notification.recipient {
        case .lead:
            return notification.to == LeadNotification.erasedAddress ? record?.state.profile.email : notification.to
        case .rep:
            return rep?.email.flatMap { $0.isEmpty ? nil : $0 }
        case .fallback:
            if let email = rep?.email, !email.isEmpty { return email }
            return notification.to.contains("@") ? notification.to : nil
        }
    }

    /// The values templates render, as nested dictionaries and arrays of text
    /// (Mustache's data model). Keys are documented in docs/daemon.md.
    public var values: [String: Any] {
        let n = notification
        var notification: [String: Any] = [
            "id": n.id, "kind": n.kind.rawValue, "at": RFC3339.format(n.at), "to": n.to, "lead": n.lead,
            // `at` stays RFC 3339 for machines; people read `at_local` on their own clock.
            "at_local": readable(n.at),
        ]
        if let step = n.step { notification["step"] = step }
        if let channel = n.channel ?? stepRule?.channel {
            notification["channel"] = channel.rawValue
            notification["asks"] = Self.asks(channel, step: stepRule?.name)
        }
        if let name = stepRule?.name { notification["step_name"] = name }
        if let action = n.action { notification["action"] = action }
        if let score = n.score { notification["score"] = score }
        if let deadline = n.deadline {
            notification["deadline"] = RFC3339.format(deadline)
            notification["deadline_local"] = readable(deadline)
        }
        if let reason = n.reason { notification["reason"] = reason.rawValue }
        // The copy-paste hint logs the touch the step asks for.
        let hintChannel = n.channel ?? .call
        let hintOutcome: Outcome = hintChannel == .email ? .sent : .noAnswer
        var out: [String: Any] = [
            "notification": notification,
            "kind": [Self.kindKey(n.kind): true],
            // For `{{#kind_reason.snooze_ended}}` sections.
            "kind_reason": n.reason.map { [$0.rawValue: true] } ?? [:],
            "log_touch": [
                "lead": n.lead,
                "command": "followupctl touch log \(ShellWord.quoted(n.lead)) --rep \(ShellWord.quoted(rep?.id ?? n.to)) "
                    + "--channel \(hintChannel.rawValue) --outcome \(hintOutcome.rawValue)",
                "api": "POST /v1/events {\"type\":\"touch.logged\",\"lead\":\"\(n.lead)\",\"rep\":\"\(rep?.id ?? n.to)\",\"channel\":\"\(hintChannel.rawValue)\",\"outcome\":\"…\"}",
            ],
        ]
        if let leadURL { out["lead_url"] = leadURL }
        if let rep {
            var r: [String: Any] = ["id": rep.id]
            if let name = rep.name { r["name"] = name }
            if let email = rep.email { r["email"] = email }
            if let team = rep.team { r["team"] = team }
            out["rep"] = r
        }
        if let record {
            out["lead"] = Self.lead(record.state)
            var activities: [[String: Any]] = []
            var touches: [[String: Any]] = []
            for logged in record.events {
                switch logged.event.body {
                case .leadActivity(_, let action):
                    activities.append(["action": action, "at": RFC3339.format(logged.event.at),
                                       "at_local": readable(logged.event.at)])
                case .touchLogged(let touch):
                    touches.append(["at": RFC3339.format(logged.event.at), "at_local": readable(logged.event.at), "rep": touch.rep,
                                    "channel": touch.channel.rawValue, "outcome": touch.outcome.rawValue])
                default:
                    break
                }
            }
            out["activities"] = activities
            out["activity_count"] = activities.count
            out["touches"] = touches
            out["touch_count"] = record.state.touches
            if let step = record.state.step {
                out["step"] = ["number": step.number, "due": RFC3339.format(step.due), "deadline": RFC3339.format(step.deadline)]
            }
        }
        return out
    }

    /// What a step asks the rep to do, in words, from its channel and (when
    /// known) its name in the rules: "send the confirmation email", "make the
    /// follow-up call", "call again"; "call the lead" without a name.
    static func asks(_ channel: Channel, step name: String?) -> String {
        let name = name?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let name, !name.isEmpty else {
            switch channel {
            case .call: return "call the lead"
            case .email: return "send the lead an email"
            case .voicemail: return "leave the lead a voicemail"
            case .sms: return "text the lead"
            case .mail: return "send the lead a letter"
            case .meeting: return "meet the lead"
            case .chat: return "chat with the lead"
            }
        }
        switch channel {
        case .email: return name.contains("email") ? "send the \(name)" : "send the \(name) email"
        case .call: return name.hasPrefix("call") ? name : "make the \(name) call"
        default: return "\(name) (\(channel.rawValue))"
        }
    }

    /// `lead.assigned` → `lead_assigned`, for `{{#kind.lead_assigned}}` sections.
    static func kindKey(_ kind: NotificationKind) -> String {
        kind.rawValue.replacingOccurrences(of: ".", with: "_")
    }

    static func lead(_ state: LeadState) -> [String: Any] {
        let p = state.profile
        var lead: [String: Any] = [
            "id": p.id, "source": p.source, "score": state.score, "priority": state.priority,
            "status": state.status.rawValue, "captured_at": RFC3339.format(state.capturedAt),
        ]
        let optional: [(String, String?)] = [
            ("name", p.name), ("email", p.email), ("phone", p.phone), ("company", p.company), ("title", p.title),
            ("need", p.need), ("stage", p.stage), ("timezone", p.timezone), ("owner", state.owner), ("team", state.team),
            ("company_size", p.companySize.map(String.init)),
        ]
        for (key, value) in optional { if let value, !value.isEmpty { lead[key] = value } }
        lead["display_name"] = p.name ?? p.email ?? p.id
        return lead
    }
}
