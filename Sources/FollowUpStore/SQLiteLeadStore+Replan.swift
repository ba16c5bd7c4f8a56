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
            // Steps re-planned under other rules can start or end a cadence: counted again at the next read.
            cache.cadence = nil
            var moved: Set<LeadID> = []
            let report = try Self.replanOpenLeads(engine: engine, previous: previous, keep: 0, commit: true, db,
                                                  &cache.tallies, moved: &moved, progress: progress)
            // Contributions follow the new rules in the same transaction: refilled when their version
            // changed, else the moved leads recomputed (their open steps moved).
            if self.keepsContributions { try self.adoptContributionRules(engine.rules, db) }
            try self.refreshContributions(of: moved, db)
            return report
        }
    }

    public func previewReplan(engine: Engine, previous: Rules, keep: Int) async throws -> ReplanReport {
        try await pool.read { db in
            var unused = TallyDelta()
            var moved: Set<LeadID> = []
            return try Self.replanOpenLeads(engine: engine, previous: previous, keep: keep, commit: false, db,
                                            &unused, moved: &moved, progress: {})
        }
    }

    /// Runs the re-plan walk over the open leads; with `commit` writes the moved ones.
    private static func replanOpenLeads(engine: Engine, previous: Rules, keep: Int, commit: Bool, _ db: Database,
                                        _ tallies: inout TallyDelta, moved movedIDs: inout Set<LeadID>,
                                        progress: () -> Void) throws -> ReplanReport {
        var walk = ReplanWalk(engine: engine, previous: previous, keep: keep)
        return try walk.run(read: { after, limit in
            try LeadRow.fetchAll(db.cachedStatement(sql: replanPageSQL), arguments: [after, limit])
        }, write: { moved in
            guard commit else { return }
            for lead in moved {
                movedIDs.insert(lead.after.id)
                try LeadRow.update(lead.after, profileChanged: false, db)
                tallies.add(TallyDelta.timers, try TimerRow.replace(lead.oldTimers, with: lead.newTimers, db))
            }
        }, progress: progress)
    }
}
