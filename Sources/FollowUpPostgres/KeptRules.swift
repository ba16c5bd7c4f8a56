public import FollowUpCore

/// The rules in force as the database keeps them.
public struct KeptRules: Sendable, Hashable {
    public var sources: RuleSources
    /// The node whose files they are.
    public var filesOf: String
    /// The leader that put them in force.
    public var putBy: String
    /// When, by the database's clock.
    public var putAt: Instant
}
