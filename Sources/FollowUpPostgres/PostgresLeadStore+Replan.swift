public import FollowUpCore
import FollowUpFormats
import PostgresNIO

extension PostgresLeadStore {
    public func putInForce(engine: Engine, previous: Rules, roster: [Rep],
                           progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        try await transaction { session, cache, tallies in
            // In the re-plan's transaction: a re-plan that fails must not leave the new roster behind.
            for rep in roster { cache.team.upsert(rep) }
            return try Self.replanOpenLeads(engine: engine, previous: previous, keep: 0, commit: true, session,
                                            &tallies, progress: progress)
        }
    }

    public func previewReplan(engine: Engine, previous: Rules, keep: Int) async throws -> ReplanReport {
        try await writer.run { session in
            try session.query("BEGIN READ ONLY")
            defer { _ = try? session.query("ROLLBACK") }
            var unused = TallyChanges()
            return try Self.replanOpenLeads(engine: engine, previous: previous, keep: keep, commit: false, session,
                                            &unused, progress: {})
        }
    }

    /// Runs the re-plan walk over the leads that may have obligations; with
    /// `commit` writes each page's moved leads and their timers in two statements.
    static func replanOpenLeads(engine: Engine, previous: Rules, keep: Int, commit: Bool,
                                        _ session: PostgresSession, _ tallies: inout TallyChanges,
                                        progress: () -> Void) throws -> ReplanReport {
        var walk = ReplanWalk(engine: engine, previous: previous, keep: keep)
        return try walk.run(read: { after, limit in
            try session.texts("""
                SELECT row_to_json(l)::text FROM leads l
                WHERE status IN ('open', 'engaged', 'nurture') AND seq > \(after)
                    AND id NOT IN (SELECT lead FROM erased_leads)
                ORDER BY seq LIMIT \(limit)
                """).map(LeadColumns.read)
        }, write: { moved in
            guard commit else { return }
            var rows = JSONWriter()
            rows.beginArray()
            var timers = TimerChanges()
            for lead in moved {
                LeadColumns.write(lead.after, to: &rows)
                timers.replace(lead.oldTimers, with: lead.newTimers)
            }
            rows.endArray()
            try session.query(PostgresQuery(unsafeSQL: LeadColumns.upsertSQL, binds: try PostgresStoreCache.binds(rows.text)))
            tallies.add(TallyChanges.timers, try timers.write(session))
        }, progress: progress)
    }
}
