public import FollowUpCore
public import FollowUpReports
import Foundation
import GRDB
import Synchronization

/// Each lead's report contribution (`report_leads`, v16), kept in the write
/// transaction that changes the lead, so a report reads one short row per
/// lead of its window instead of scanning the event log and the outbox.
///
/// The rows are only as good as the rules they were computed under: `meta`
/// `report.rules` names that version, and it is set only while this process
/// keeps the rows (``reportRules``). A write made without rules to keep them
/// (before the first report, or by another tool on the file) removes the
/// name, so the next report rebuilds the table rather than trust it.
extension SQLiteLeadStore {
    static let contributionRulesKey = "report.rules"
    static let insertReportLeadSQL = """
        INSERT INTO report_leads (lead, captured_at, contribution, sla_deadline, drop_deadline) VALUES (?, ?, ?, ?, ?)
        """
    static let upsertReportLeadSQL = insertReportLeadSQL + """
         ON CONFLICT(captured_at, lead) DO UPDATE SET contribution = excluded.contribution,
            sla_deadline = excluded.sla_deadline, drop_deadline = excluded.drop_deadline
        """

    /// Stored contributions of the leads captured in `[since, until)` under
    /// `rules`, after rebuilding them when they were kept under another
    /// version; nil when the file cannot be written (a read-only copy), so the
    /// caller scans.
    public func reportContributions(capturedSince since: Instant?, before until: Instant?,
                                    rules: Rules) async throws -> [LeadContribution]? {
        // Twice at most: a write by another process without rules (it removed the version) sends us back to adopt.
        for _ in 0..<2 {
            if reportRules.withLock({ $0?.version }) != rules.version {
                do {
                    try await transaction { db, _ in try self.adoptContributionRules(rules, db) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                    return nil
                }
            }
            if let kept = try await keptContributions(capturedSince: since, before: until, version: rules.version) {
                return kept
            }
            reportRules.withLock { $0 = nil }
        }
        return nil
    }

    /// The rows of the window, nil when `meta` says they were not kept under `version`.
    private func keptContributions(capturedSince since: Instant?, before until: Instant?,
                                   version: String) async throws -> [LeadContribution]? {
        let lower = since?.secondsSinceEpoch ?? Int64.min
        let upper = until?.secondsSinceEpoch ?? Int64.max
        return try await pool.read { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?",
                                      arguments: [Self.contributionRulesKey]) == version else { return nil }
            var out: [LeadContribution] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT lead, contribution FROM report_leads WHERE captured_at >= ? AND captured_at < ?
                """), arguments: [lower, upper])
            while let row = try rows.next() { out.append(try Self.contribution(row)) }
            return out
        }
    }

    /// Whether this process keeps the rows (a report or the daemon's start adopted rules).
    var keepsContributions: Bool { reportRules.withLock { $0 != nil } }

    public func keepReportContributions(under rules: Rules) async throws {
        try await transaction { db, _ in try self.adoptContributionRules(rules, db) }
    }

    /// Keeps contributions under `rules` from now on: the rows stand if
    /// `meta` says they were kept under the same version; otherwise every
    /// lead's is recomputed from the full scan (once per upgrade or change of rules).
    func adoptContributionRules(_ rules: Rules, _ db: Database) throws {
        let kept = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.contributionRulesKey])
        if kept != rules.version {
            try db.execute(sql: "DELETE FROM report_leads; DELETE FROM report_groups; DELETE FROM report_bins; DELETE FROM report_bins_weekly; DELETE FROM report_values")
            var delta = ReportGroupDelta()
            for facts in try Self.scanFacts(db, from: .min, to: .max) {
                let c = LeadContribution(facts: facts, rules: rules)
                try Self.writeReportLead(c, sql: Self.insertReportLeadSQL, db)
                try delta.replace(nil, with: c, db)
            }
            try delta.write(db)
            try MetaRow.set(Self.contributionRulesKey, rules.version, db)
        }
        reportRules.withLock { $0 = rules }
    }

    /// Recomputes the contributions of `leads` in the running write
    /// transaction; without rules to keep them, marks the rows stale instead.
    /// `current` gives a lead as it stands when the caller holds it (the
    /// engine's world does), saving a read of its row. `captured` gives the
    /// facts of a lead the transaction captured, all in memory: it has no
    /// facts or kept row from before, so nothing is read back for it.
    func refreshContributions(of leads: some Collection<LeadID>, _ db: Database,
                              current: (LeadID) -> LeadState? = { _ in nil },
                              captured: (LeadID) -> LeadFacts? = { _ in nil }) throws {
        guard !leads.isEmpty else { return }
        guard let rules = reportRules.withLock({ $0 }) else {
            try MetaRow.delete(Self.contributionRulesKey, db)
            return
        }
        // The lead's previous contribution is the "old value" of its delta to the group rows.
        let previous = try db.cachedStatement(sql: "SELECT lead, contribution FROM report_leads WHERE captured_at = ? AND lead = ?")
        var delta = ReportGroupDelta()
        for id in leads {
            if let facts = captured(id) {
                // A plain INSERT: a row already there would break the invariant above, and must not pass silently.
                let c = LeadContribution(facts: facts, rules: rules)
                try Self.writeReportLead(c, sql: Self.insertReportLeadSQL, db)
                try delta.replace(nil, with: c, db)
                continue
            }
            let known = current(id)
            guard let facts = try known.map({ try Self.facts(of: $0, db) }) ?? Self.facts(of: id, db) else { continue }
            let c = LeadContribution(facts: facts, rules: rules)
            let old = try Row.fetchOne(previous, arguments: [c.capturedAt.secondsSinceEpoch, id]).map(Self.contribution)
            // Most writes to a lead leave its figures as they were (a reminder, an activity below hot, a
            // snooze's end): then its row and the group rows stand, and nothing is written.
            if old == c { continue }
            try Self.writeReportLead(c, sql: Self.upsertReportLeadSQL, db)
            try delta.replace(old, with: c, db)
        }
        try delta.write(db)
    }

    /// Writes a `report_leads` row with `sql` (an insert or an upsert): the
    /// deadlines that decide figures as of now are indexed, so a report reads
    /// only the leads they still decide.
    static func writeReportLead(_ c: LeadContribution, sql: String, _ db: Database) throws {
        let deadlines = c.dependsOnNow ? (c.slaDeadline?.secondsSinceEpoch, c.dropDeadline?.secondsSinceEpoch) : (nil, nil)
        var statement = try BoundStatement(db, sql: sql)
        statement.bind(c.lead)
        statement.bind(c.capturedAt.secondsSinceEpoch)
        statement.bind(blob: c.bytes)
        statement.bind(deadlines.0)
        statement.bind(deadlines.1)
        try statement.execute()
    }

    /// The contribution of a row whose first columns are `lead, contribution`, decoded in place.
    static func contribution(_ row: Row) throws -> LeadContribution {
        do {
            return try row.withUnsafeData(atIndex: 1) { data in
                try (data ?? Data()).withUnsafeBytes { try LeadContribution(bytes: $0) }
            }
        } catch {
            throw StoreDataError(table: "report_leads", key: row[0], message: "\(error)")
        }
    }
}
