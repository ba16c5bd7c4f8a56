public import FollowUpCore
public import FollowUpReports

/// What the report endpoints read: per-lead facts from the store and the
/// rules in force (SLA deadlines, cadences and call windows come from them).
public struct ReportSource: Sendable {
    public var facts: any ReportQueries
    /// The current rules (they change on reload).
    public var rules: @Sendable () async -> Rules

    public init(facts: any ReportQueries, rules: @escaping @Sendable () async -> Rules) {
        self.facts = facts
        self.rules = rules
    }
}
