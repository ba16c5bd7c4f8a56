public import FollowUpCore
import FollowUpFormats
import PostgresNIO

extension PostgresLeadStore {
    /// Leads read, re-planned and written per page: memory stays bounded with millions of leads.
    static let replanPage = 2_048

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

    /// Walks the leads that may have obligations a page at a time, re-planning
    /// each; with `commit` writes each page's moved leads and their timers in two statements.
    private static func replanOpenLeads(engine: Engine, previous: Rules, keep: Int, commit: Bool,
                                        _ session: PostgresSession, _ tallies: inout TallyChanges,
                                        progress: () -> Void) throws -> ReplanReport {
        var report = ReplanReport()
        var after = Int64.min
        while true {
            let page = try session.texts("""
                SELECT row_to_json(l)::text FROM leads l
                WHERE status IN ('open', 'engaged', 'nurture') AND seq > \(after)
                    AND id NOT IN (SELECT lead FROM erased_leads)
                ORDER BY seq LIMIT \(replanPage)
                """).map(LeadColumns.read)
            guard let last = page.last else { break }
            after = last.seq
            var moved = JSONWriter()
            moved.beginArray()
            var timers = TimerChanges()
            var any = false
            for before in page {
                let planned = engine.replan(before, previous: previous)
                guard report.add(before: before, after: planned, keep: keep), commit else { continue }
                LeadColumns.write(planned, to: &moved)
                timers.replace(before.timers, with: planned.timers)
                any = true
            }
            moved.endArray()
            if any {
                try session.query(PostgresQuery(unsafeSQL: LeadColumns.upsertSQL, binds: try PostgresStoreCache.binds(moved.text)))
                tallies.add(TallyChanges.timers, try timers.write(session))
            }
            progress()
        }
        return report
    }
}
