import FollowUpCore
import FollowUpFormats
/// What a report's rows are: one per rep (the lead's current owner), source,
/// priority (at capture) or team.
public enum ReportGrouping: String, Sendable, Hashable, CaseIterable {
    case rep, source, priority, team

    /// The group a lead falls in; `(none)` when the lead has no owner or team.
    func key(of outcome: LeadOutcome) -> String {
        switch self {
        case .rep: outcome.lead.owner ?? Self.none
        case .source: outcome.lead.profile.source
        case .priority: outcome.capturePriority
        case .team: outcome.lead.team ?? Self.none
        }
    }

    /// The key of leads without an owner (or team).
    public static let none = "(none)"
}
