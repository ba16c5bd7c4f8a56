/// Where a lead stands in its life.
public enum LeadStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Being worked: the cadence (or nurture, for leads without one) is running.
    case open
    /// A touch connected, got a reply or a meeting: the cadence stopped.
    case engaged
    /// The cadence ended without engagement; a nurture reminder repeats.
    case nurture
    case won, lost, disqualified
    /// A duplicate merged into another lead (`lead.merged`): final, and left
    /// out of reports' lead counts.
    case merged

    /// Statuses after which nothing is printed for the lead.
    public var isFinal: Bool { self == .won || self == .lost || self == .disqualified || self == .merged }

    /// The statuses `lead.status` accepts.
    public static let settable: [LeadStatus] = [.won, .lost, .disqualified]
}
