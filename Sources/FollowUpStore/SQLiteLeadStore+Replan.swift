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

    /// Runs the re-plan walk over the open leads; with `commit` writes the moved ones.
    private static func replanOpenLeads(engine: Engine, previous: Rules, keep: Int, commit: Bool, _ db: Database,
                                        _ tallies: inout TallyDelta, progress: () -> Void) throws -> ReplanReport {
        var walk = ReplanWalk(engine: engine, previous: previous, keep: keep)
        return try walk.run(read: { after, limit in
            try LeadRow.fetchAll(db.cachedStatement(sql: replanPageSQL), arguments: [after, limit])
        }, write: { moved in
            guard commit else { return }
            for lead in moved {
                try LeadRow.update(lead.after, profileChanged: false, db)
                tallies.add(TallyDelta.timers, try TimerRow.replace(lead.oldTimers, with: lead.newTimers, db))
            }
        }, progress: progress)
    }
}
