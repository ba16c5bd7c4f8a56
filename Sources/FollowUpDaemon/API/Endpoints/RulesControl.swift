public import FollowUpCore

/// What the API may ask of the daemon's rules: reload them (what SIGHUP does)
/// and preview what a rule set would move before it is put in force.
public protocol RulesControl: Sendable {
    /// Re-reads the daemon's rules directory; on success the new rules are in
    /// force and the open leads re-planned, on failure the old ones keep running.
    func reload() async -> ReloadResult
    /// Puts in force the rule files `node` validated and recorded (several
    /// nodes on PostgreSQL: a reload asked on a standby, forwarded to the leader).
    func reload(filesOf node: String) async -> ReloadResult
    /// Validates `sources` (rule files' paths and texts) and, when valid, says
    /// which open leads' obligations they would move; nothing changes.
    func preview(sources: [(name: String, text: String)], keep: Int) async throws -> RulesPreview
}

/// What ``RulesControl/preview(sources:keep:)`` found.
public enum RulesPreview: Sendable {
    /// The rule files do not load: every problem, `FILE:LINE:COL: message`.
    case invalid(problems: [String])
    /// They load; `report` says what a reload would move.
    case valid(running: String, candidate: String, report: ReplanReport)
}
