import FollowUpCore

/// Which leads' history `retention:` may remove, for both stores' SQL: leads
/// closed (won, lost, disqualified) take nothing more from the engine. Merged
/// leads are left alone: the survivor's `explain` and reports read them.
public enum PrunedLeads {
    /// The closed statuses as an SQL list (`'won', 'lost', 'disqualified'`), for `status IN (…)`.
    public static let statusList = [LeadStatus.won, .lost, .disqualified].map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
