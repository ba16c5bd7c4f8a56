public import FollowUpCore

/// A rule set that loaded cleanly: the compiled rules plus what an admin may
/// want to know about how the files combined.
public struct LoadedRules: Sendable {
    /// The compiled, validated rules the engine runs on.
    public var rules: Rules
    /// Informational problems (overrides between files, unknown backups).
    public var notes: [Diagnostic]
    /// The files that were read, in load order.
    public var files: [String]
    /// The files' names and texts, to keep as the rules in force (several nodes on PostgreSQL).
    public var sources: RuleSources
    /// One line for `followupctl check-rules`: `rules OK: 4 files, 1 calendar, …, version 3f2a9c1d`.
    public var summary: String
}
