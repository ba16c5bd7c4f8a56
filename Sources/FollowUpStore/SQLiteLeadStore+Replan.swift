public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// A page of leads that may have pending obligations: an open step or its
    /// repeated breach, a nurture date, an engaged lead's check-in.
    static let replanPageSQL = """
        SELECT \(LeadRow.selectList) FROM leads
        WHERE status IN ('open', 'engaged', 'nurture') AND seq > ? AND id NOT IN (SELECT lead FROM erased_leads)
        ORDER BY seq LIMIT ?
        """
    /// Leads read, re-planned and written per page: memory stays bounded with millions of leads.
    static let replanPage = 2_048

    public func putInForce(engine: Engine, previous: Rules, roster: [Rep],
                           progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        try await transaction { db, cache in
            // In the re-plan's transaction: a re-plan that fails must not leave the new roster behind.
            for rep in roster { cache.team.upsert(rep) }
            return try Self.replanOpenLeads(engine: engine, previous: previous, keep: 0, commit: true, db,
                                            &cache.tallies, progress: progress)
        }
    }

    public func previewReplan(engine: Engine, previous: Rules, keep: Int) async throws -> ReplanReport {
        try await pool.read { db in
            var unused = TallyDelta()
            return try Self.replanOpenLeads(engine: engine, previous: previous, keep: keep, commit: false, db,
                                            &unused, progress: {})
        }
    }

    /// Walks the open leads a page at a time, re-planning each; with `commit` writes the moved ones.
    private static func replanOpenLeads(engine: Engine, previous: Rules, keep: Int, commit: Bool, _ db: Database,
                                        _ tallies: inout TallyDelta, progress: () -> Void) throws -> ReplanReport {
        var report = ReplanReport()
        var after = Int64.min  // capture order starts at 0
        while true {
            let page = try LeadRow.fetchAll(db.cachedStatement(sql: replanPageSQL), arguments: [after, replanPage])
            guard let last = page.last else { break }
            after = last.seq
            for before in page {
                let planned = engine.replan(before, previous: previous)
                guard report.add(before: before, after: planned, keep: keep) else { continue }
                if commit {
                    try LeadRow.update(planned, profileChanged: false, db)
                    tallies.add(TallyDelta.timers, try TimerRow.replace(before.timers, with: planned.timers, db))
                }
            }
            progress()
        }
        return report
    }
}
