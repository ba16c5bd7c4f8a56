import FollowUpCore

/// What a notification says at a glance — the headline (the subject
/// template's line), the lead, company, phone, the step in words with its
/// channel, the deadline on the reader's clock, and the link to the lead —
/// for a chat message or the top of an HTML email. The values are the users'
/// words as they are: each renderer escapes them for its own markup.
public struct MessageSummary: Sendable, Hashable {
    public struct Fact: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    public var headline: String
    public var facts: [Fact]
    /// The lead in the CRM, when `lead_url` is configured.
    public var link: String?
    public var notificationID: String

    /// The longest value kept, in characters: chat services cap a field's
    /// length (Slack 2,000 characters once escaped), and a glance needs no more.
    static let maxValue = 300
    /// The longest headline kept, likewise (Slack: 3,000 once escaped).
    static let maxHeadline = 500

    public init(headline: String, facts: [Fact], link: String?, notificationID: String) {
        self.headline = Self.clipped(headline, Self.maxHeadline)
        self.facts = facts.map { Fact(label: $0.label, value: Self.clipped($0.value, Self.maxValue)) }
        self.link = link
        self.notificationID = notificationID
    }

    /// The summary of `context`'s notification under `headline`.
    public init(context: MessageContext, headline: String) {
        let n = context.notification
        var facts: [Fact] = []
        let profile = context.record?.state.profile
        var lead = profile.map { $0.name ?? $0.email ?? $0.id } ?? n.lead
        if let title = profile?.title, !title.isEmpty { lead += ", \(title)" }
        facts.append(Fact(label: "Lead", value: lead))
        if let company = profile?.company, !company.isEmpty { facts.append(Fact(label: "Company", value: company)) }
        if let phone = profile?.phone, !phone.isEmpty { facts.append(Fact(label: "Phone", value: phone)) }
        if let step = n.step {
            let channel = n.channel ?? context.stepRule?.channel
            let asks = channel.map { "\(MessageContext.asks($0, step: context.stepRule?.name)) (\($0.rawValue))" }
            facts.append(Fact(label: "Step", value: "\(step)" + (asks.map { ": \($0)" } ?? "")))
        }
        if let deadline = n.deadline { facts.append(Fact(label: "Deadline", value: context.readable(deadline))) }
        if let rep = context.rep { facts.append(Fact(label: "Rep", value: rep.name ?? rep.id)) }
        self.init(headline: headline, facts: facts, link: context.leadURL, notificationID: n.id)
    }

    /// One line (a value's line breaks and control characters become spaces),
    /// at most `limit` characters, `…` marking a cut.
    static func clipped(_ text: String, _ limit: Int) -> String {
        var line = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
        return line
    }
}
