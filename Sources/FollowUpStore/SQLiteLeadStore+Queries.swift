public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// The most leads one page holds; a larger limit is clamped to it.
    public static let maxPageSize = 1_000

    /// A lead's full record: state, pending timers, its events and its outbox rows.
    public func lead(_ id: LeadID) async throws -> LeadRecord? {
        try await pool.read { db in
            guard let state = try LeadRow.fetch(db, id: id) else { return nil }
            // The timers its state asks for, as the table holds them (the two agree by construction).
            let timers = try state.timers.filter { try TimerRow.exists($0, db) }
            return LeadRecord(state: state, timers: timers, events: try EventRow.naming(id, db),
                              notifications: try OutboxRow.naming(id, db))
        }
    }

    /// A lead's events with the rep events and merged duplicates a replay needs, in log order.
    public func replayEvents(of id: LeadID) async throws -> [LoggedEvent]? {
        try await pool.read { db in
            guard try LeadRow.exists(db, id: id) else { return nil }
            return try EventRow.replaying(id, db)
        }
    }

    /// Leads matching the filter, in capture order, at most `limit` (1…1000) per page.
    public func leads(_ query: LeadQuery) async throws -> LeadPage {
        let limit = min(max(query.limit, 1), Self.maxPageSize)
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let owner = query.owner {
            conditions.append("owner = ?")
            arguments.append(owner)
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let overdueAt = query.overdueAt {
            conditions.append("deadline_open < ?")
            arguments.append(overdueAt.secondsSinceEpoch)
        }
        if let after = query.after {
            conditions.append("seq > ?")
            arguments.append(after)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // One more than the page, to know whether there is a next one.
        arguments.append(limit + 1)
        let sql = "SELECT \(LeadRow.selectList) FROM leads \(filter) ORDER BY seq LIMIT ?"
        let args = StatementArguments(arguments)
        let found = try await pool.read { db in
            try LeadRow.fetchAll(db.cachedStatement(sql: sql), arguments: args)
        }
        guard found.count > limit else { return LeadPage(leads: found, nextAfter: nil) }
        let page = Array(found.prefix(limit))
        return LeadPage(leads: page, nextAfter: page.last?.seq)
    }

    /// A rep's worklist: the open leads they own with an open step; `now` holds
    /// the steps due by `now`, earliest deadline first; `next` the later ones,
    /// soonest due first; `snoozed` the leads they own that are snoozed, soonest
    /// wake-up first (a snoozed lead has no `deadline_open`, so it is in neither list).
    public func queue(for rep: RepID, at now: Instant) async throws -> RepQueue {
        let base = "SELECT \(LeadRow.selectList) FROM leads WHERE owner = ? AND deadline_open IS NOT NULL"
        let (due, later, snoozed) = try await pool.read { db in
            (try LeadRow.fetchAll(db.cachedStatement(sql: base + " AND step_due <= ? ORDER BY step_deadline, seq"),
                                  arguments: [rep, now.secondsSinceEpoch]),
             try LeadRow.fetchAll(db.cachedStatement(sql: base + " AND step_due > ? ORDER BY step_due, seq"),
                                  arguments: [rep, now.secondsSinceEpoch]),
             try LeadRow.fetchAll(db.cachedStatement(sql: Self.snoozedQueueSQL), arguments: [rep]))
        }
        return RepQueue(rep: rep, now: due, next: later, snoozed: snoozed)
    }

    /// A rep's snoozed leads, soonest wake-up first. `snoozed_until IS NOT NULL`
    /// matches the partial index leads_snoozed(owner, snoozed_until), and a final
    /// lead never keeps a snooze, so this is every snoozed lead without a scan.
    static let snoozedQueueSQL = "SELECT \(LeadRow.selectList) FROM leads WHERE owner = ? AND snoozed_until IS NOT NULL"
        + " ORDER BY snoozed_until, seq"

    /// How SQLite runs the snoozed part of ``queue(for:at:)``, one plan line per
    /// row: lets a test hold it to the leads_snoozed index.
    package func snoozedQueuePlan() async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.snoozedQueueSQL, arguments: ["alice"])
                .map { $0["detail"] as String }
        }
    }

    /// A rep and their availability, if known.
    public func rep(_ id: RepID) async throws -> TeamState.Member? {
        committed.team.members[id]
    }

    /// Every rep in roster order with their leads in cadence. The counts are
    /// those of one commit (``InCadenceCounts``, kept in memory), so a lead that
    /// moved between two reps in the same commit is counted once, for the rep
    /// who holds it.
    public func roster() async throws -> [RosterRep] {
        let load = try await inCadence().byOwner
        return try await pool.read { db in
            try RepRow.fetchAll(db).values.sorted { $0.seq < $1.seq }
                .map { RosterRep(member: $0, leadsInCadence: load[$0.rep.id] ?? 0) }
        }
    }

    /// Leads in cadence per owner in one pass: `in_cadence = 1` is the partial
    /// index leads_in_cadence(owner)'s condition, so SQLite walks that index in
    /// owner order (a team's load costs its leads in cadence, not every lead
    /// ever captured), and one query serves the whole roster.
    static let inCadenceByOwnerSQL = "SELECT owner, count(*) FROM leads WHERE in_cadence = 1 GROUP BY owner"

    /// How SQLite runs ``inCadenceByOwnerSQL``, one plan line per row: lets a
    /// test hold the roster's load to the leads_in_cadence index.
    package func rosterLoadPlan() async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.inCadenceByOwnerSQL).map { $0["detail"] as String }
        }
    }

    /// Counts for `status` and `/metrics`, read from the `tally.*` meta rows
    /// `TallyDelta` and the schema's triggers keep, so they cost the same with a million leads as with ten.
    public func statistics() async throws -> StoreStatistics {
        try await pool.read { db in
            var leads: [LeadStatus: Int] = [:]
            var outbox: [OutboxState: Int] = [:]
            var timers = 0
            var mintedAgain: Int64 = 0
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key >= 'tally.' AND key < 'tally/'") {
                let name = String((row[0] as String).dropFirst(6))
                let n: Int = row[1]
                if name == "timers" {
                    timers = n
                } else if name == "minted_again" {
                    mintedAgain = Int64(n)
                } else if name.hasPrefix("leads."), let status = LeadStatus(rawValue: String(name.dropFirst(6))), n > 0 {
                    leads[status] = n
                } else if name.hasPrefix("outbox."), let state = OutboxState(rawValue: String(name.dropFirst(7))), n > 0 {
                    outbox[state] = n
                }
            }
            return StoreStatistics(events: try EventRow.count(db), leadsByStatus: leads, pendingTimers: timers,
                                   nextTimerAt: try TimerRow.earliest(db)?.at, outboxByState: outbox,
                                   notificationsMintedAgain: mintedAgain)
        }
    }

    /// Every pending timer, in firing order. For tests and tools: it reads the whole table.
    package func allTimers() async throws -> [LeadTimer] {
        try await pool.read(TimerRow.fetchAll)
    }

    /// The team as committed (the in-memory copy).
    package var team: TeamState { committed.team }
}
