public import FollowUpCore
public import FollowUpReports
public import FollowUpStore
public import FollowUpPostgres

/// Everything the daemon asks of its store, whichever it is: the timeline's
/// writes, the outbox, the reads people and reports make, and the rule
/// files' roster at start.
public protocol DaemonStore: LeadStore, Outbox, LeadQueries, ReportQueries {
    /// Adds the rule files' `roster` to the team (known reps keep their availability).
    func seedRoster(_ reps: [Rep]) async throws
}

extension SQLiteLeadStore: DaemonStore {}

extension PostgresLeadStore: DaemonStore {}
