public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// A page of leads that may have pending obligations (an open step or a nurture date).
    static let replanPageSQL = """
        SELECT \(LeadRow.selectList) FROM leads
        WHERE status IN ('open', 'nurture') AND seq > ? AND id NOT IN (SELECT lead FROM erased_leads)
        ORDER BY seq LIMIT ?
        """
    /// Leads read, re-planned and written per page: memory stays bounded with millions of leads.
    static let replanPage = 2_048

    public func replan(engine: Engine, previous: Rules, commit: Bool, keep: Int,
                       progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        @Sendable func walk(_ db: Database, _ tallies: inout TallyDelta) throws -> ReplanReport {
            var report = ReplanReport()
            var after = Int64.min  // capture order starts at 0
            while true {
                let page = try LeadRow.fetchAll(db.cachedStatement(sql: Self.replanPageSQL),
                                                arguments: [after, Self.replanPage])
                guard let last = page.last else { break }
                after = last.seq
                for before in page {
                    let planned = engine.replan(before, previous: previous)
                    report.examined += 1
                    guard let moved = LeadReplan(before: before, after: planned) else { continue }
                    report.movedCount += 1
                    if report.moved.count < keep { report.moved.append(moved) }
                    if commit {
                        try LeadRow.update(planned, profileChanged: false, db)
                        tallies.add(TallyDelta.timers, try TimerRow.replace(before.timers, with: planned.timers, db))
                    }
                }
                progress()
            }
            return report
        }
        if commit {
            return try await transaction { db, cache in try walk(db, &cache.tallies) }
        }
        return try await pool.read { db in
            var unused = TallyDelta()
            return try walk(db, &unused)
        }
    }
}
