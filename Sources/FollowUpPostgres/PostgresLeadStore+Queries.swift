public import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// Reading the store for people and CRMs, through the pool: reads never wait for the writer.
extension PostgresLeadStore: LeadQueries {
    /// The most leads one page of ``leads(_:)`` holds (the SQLite store's limit).
    public static let maxPageSize = 1_000

    public func lead(_ id: LeadID) async throws -> LeadRecord? {
        guard let state = try await leadRows("SELECT row_to_json(l)::text FROM leads l WHERE id = \(id)").first else { return nil }
        // The timers its state asks for, as the table holds them (the two agree by construction).
        let stored = Set(try await rows("SELECT at, lead_seq, lead, kind FROM timers WHERE lead = \(id)").map(PostgresWorld.timer))
        return LeadRecord(state: state, timers: state.timers.filter(stored.contains),
                          events: try await events("SELECT seq, body, source, received_at FROM events WHERE lead = \(id) ORDER BY seq"),
                          notifications: try await rows("""
                              SELECT \(unescaped: OutboxColumns.selectList) FROM outbox WHERE lead = \(id) ORDER BY mint
                              """).map(OutboxColumns.read))
    }

    /// Its own events, those of every lead merged into it, and every rep event, in log order.
    public func replayEvents(of id: LeadID) async throws -> [LoggedEvent]? {
        guard try await !rows("SELECT 1 FROM leads WHERE id = \(id)").isEmpty else { return nil }
        var leads = [id]
        var seen: Set<LeadID> = [id]
        var out: [LoggedEvent] = []
        var next = 0
        while next < leads.count {
            let own = try await events("SELECT seq, body, source, received_at FROM events WHERE lead = \(leads[next]) ORDER BY seq")
            next += 1
            for logged in own {
                if case .leadMerged(_, let duplicate) = logged.event.body, seen.insert(duplicate).inserted { leads.append(duplicate) }
            }
            out += own
        }
        out += try await events("SELECT seq, body, source, received_at FROM events WHERE lead IS NULL ORDER BY seq")
        return out.sorted { $0.seq < $1.seq }
    }

    public func leads(_ query: LeadQuery) async throws -> LeadPage {
        let limit = min(max(query.limit, 1), Self.maxPageSize)
        // One more than the page, to know whether there is a next one.
        let found = try await leadRows("""
            SELECT row_to_json(l)::text FROM leads l
            WHERE (\(query.owner)::text IS NULL OR owner = \(query.owner))
                AND (\(query.status?.rawValue)::text IS NULL OR status = \(query.status?.rawValue))
                AND (\(query.overdueAt?.secondsSinceEpoch)::bigint IS NULL OR deadline_open < \(query.overdueAt?.secondsSinceEpoch))
                AND (\(query.after)::bigint IS NULL OR seq > \(query.after))
            ORDER BY seq LIMIT \(limit + 1)
            """)
        guard found.count > limit else { return LeadPage(leads: found, nextAfter: nil) }
        let page = Array(found.prefix(limit))
        return LeadPage(leads: page, nextAfter: page.last?.seq)
    }

    public func queue(for rep: RepID, at now: Instant) async throws -> RepQueue {
        let t = now.secondsSinceEpoch
        return RepQueue(
            rep: rep,
            now: try await leadRows("""
                SELECT row_to_json(l)::text FROM leads l WHERE owner = \(rep) AND deadline_open IS NOT NULL
                    AND step_due <= \(t) ORDER BY step_deadline, seq
                """),
            next: try await leadRows("""
                SELECT row_to_json(l)::text FROM leads l WHERE owner = \(rep) AND deadline_open IS NOT NULL
                    AND step_due > \(t) ORDER BY step_due, seq
                """),
            snoozed: try await leadRows("""
                SELECT row_to_json(l)::text FROM leads l WHERE owner = \(rep) AND snoozed_until IS NOT NULL
                ORDER BY snoozed_until, seq
                """))
    }

    public func rep(_ id: RepID) async throws -> TeamState.Member? {
        try await committed.team.members[id]
    }

    public func roster() async throws -> [RosterRep] {
        let members = try await rows("SELECT row_to_json(r)::text FROM reps r").map { try RepColumns.read($0.decode(String.self)) }
        var load: [RepID: Int] = [:]
        for row in try await rows("SELECT owner, count(*) FROM leads WHERE in_cadence AND owner IS NOT NULL GROUP BY owner") {
            let (owner, n) = try row.decode((String, Int64).self)
            load[owner] = Int(n)
        }
        return members.sorted { $0.seq < $1.seq }.map { RosterRep(member: $0, leadsInCadence: load[$0.rep.id] ?? 0) }
    }

    public func statistics() async throws -> StoreStatistics {
        var leads: [LeadStatus: Int] = [:]
        var outbox: [OutboxState: Int] = [:]
        var timers = 0
        var mintedAgain: Int64 = 0
        for row in try await rows("SELECT key, n FROM tallies") {
            let (key, n) = try row.decode((String, Int64).self)
            if key == TallyChanges.timers {
                timers = Int(n)
            } else if key == TallyChanges.mintedAgain {
                mintedAgain = n
            } else if key.hasPrefix("leads."), let status = LeadStatus(rawValue: String(key.dropFirst(6))), n > 0 {
                leads[status] = Int(n)
            } else if key.hasPrefix("outbox."), let state = OutboxState(rawValue: String(key.dropFirst(7))), n > 0 {
                outbox[state] = Int(n)
            }
        }
        let events = try await rows("SELECT coalesce(max(seq), 0) FROM events").first.map { try $0.decode(Int64.self) } ?? 0
        let next = try await rows("SELECT min(at) FROM timers").first.flatMap { try $0.decode(Int64?.self) }
        return StoreStatistics(events: events, leadsByStatus: leads, pendingTimers: timers,
                               nextTimerAt: next.map(Instant.init(secondsSinceEpoch:)), outboxByState: outbox,
                               notificationsMintedAgain: mintedAgain)
    }

    /// Every pending timer in firing order (for tests and tools; not for the hot path).
    package func allTimers() async throws -> [LeadTimer] {
        try await rows("SELECT at, lead_seq, lead, kind FROM timers ORDER BY at, lead_seq, kind_order").map(PostgresWorld.timer)
    }

    /// The committed team (for tests).
    package var team: TeamState {
        get async throws { try await committed.team }
    }

    func leadRows(_ query: PostgresQuery) async throws -> [LeadState] {
        try await rows(query).map { try LeadColumns.read($0.decode(String.self)) }
    }

    /// Decodes the `seq, body, source, received_at` rows a query returns.
    func events(_ query: PostgresQuery) async throws -> [LoggedEvent] {
        try await rows(query).map { row in
            let (seq, body, source, receivedAt) = try row.decode((Int64, String, String, Int64).self)
            let event: Event
            do throws(Diagnostic) {
                event = try EventDecoder.decode(body)
            } catch {
                throw PostgresStoreError.data(table: "events", key: String(seq), message: "body does not decode: \(error)")
            }
            return LoggedEvent(seq: seq, event: event, source: source, receivedAt: Instant(secondsSinceEpoch: receivedAt))
        }
    }
}
