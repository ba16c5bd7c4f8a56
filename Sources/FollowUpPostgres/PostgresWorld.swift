import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// The engine's world inside one PostgreSQL transaction, on the writer's
/// thread. The leads a batch names are fetched in one statement first
/// (``prefetch(_:)``); saves, timers, log rows and outbox rows are kept in
/// memory and written set-based at the end (``flush()``), a handful of
/// statements for a whole batch. Queries over many leads ask the database
/// for the rows this transaction has not changed and add the changed ones
/// from memory, so nothing is written before the end.
///
/// A class, like the SQLite store's world: ``EngineWorld``'s reads cannot
/// fail, so the first error is kept and thrown by ``flush()``, which rolls
/// the transaction back.
final class PostgresWorld: EngineWorld {
    let session: PostgresSession
    var team: TeamState
    /// Who gets each notification queued here.
    let routing: PostgresNotificationRouter

    /// Leads as their rows stand (before this transaction's writes).
    private var stored: [LeadID: LeadState] = [:]
    private var absent: Set<LeadID> = []
    /// What the engine saved, by id, and the order of first saves.
    private(set) var saved: [LeadID: LeadState] = [:]
    private(set) var savedOrder: [LeadID] = []
    /// Leads known to be erased, and known not to be.
    private var erased: Set<LeadID> = []
    private var kept: Set<LeadID> = []

    var timers = TimerChanges()
    /// The database's earliest timers, a page at a time (``storedTimer()``).
    private var timerPage: [LeadTimer] = []
    private var timerIndex = 0
    private var timerPageLoaded = false
    private var timersExhausted = false
    /// Small: a batch usually needs only the earliest row; decoding 256 rows
    /// per transaction was the costliest statement of a 100-capture batch.
    static let timerPageSize = 32

    /// Log rows and outbox rows, as the JSON arrays their statements read.
    var eventRows = JSONWriter()
    var eventCount = 0
    var outboxRows = JSONWriter()
    var outboxCount = 0
    var nextEventSeq: Int64
    var tallies = TallyChanges()
    var reachedAt: Instant?
    /// Answers kept under an `Idempotency-Key` in this transaction, written by ``flush()``.
    var answers: [String: (answer: StoredAnswer, at: Instant)] = [:]
    var answerOrder: [String] = []
    private var failure: (any Error)?

    init(session: PostgresSession, cache: PostgresStoreCache, routing: @escaping PostgresNotificationRouter) {
        self.session = session
        self.team = cache.team
        self.nextEventSeq = cache.nextEventSeq
        self.routing = routing
        eventRows.beginArray()
        outboxRows.beginArray()
    }

    /// Reads `ids` (and whether any was erased) in one statement.
    func prefetch(_ ids: [LeadID]) throws {
        let wanted = Array(Set(ids).subtracting(stored.keys).subtracting(absent))
        guard !wanted.isEmpty else { return }
        var found: Set<LeadID> = []
        for row in try session.query("""
            SELECT true, row_to_json(l)::text FROM leads l WHERE id = ANY(\(wanted))
            UNION ALL SELECT false, lead FROM erased_leads WHERE lead = ANY(\(wanted))
            """) {
            let (isLead, text) = try row.decode((Bool, String).self)
            if isLead {
                let lead = try LeadColumns.read(text)
                stored[lead.id] = lead
                found.insert(lead.id)
            } else {
                erased.insert(text)
            }
        }
        absent.formUnion(Set(wanted).subtracting(found))
        kept.formUnion(Set(wanted).subtracting(erased))
    }

    // MARK: EngineWorld

    func lead(_ id: LeadID) -> LeadState? {
        if let lead = saved[id] ?? stored[id] { return lead }
        if absent.contains(id) { return nil }
        do {
            guard let text = try session.texts("SELECT row_to_json(l)::text FROM leads l WHERE id = \(id)").first else {
                absent.insert(id)
                return nil
            }
            let lead = try LeadColumns.read(text)
            stored[id] = lead
            return lead
        } catch {
            fail(error)
            return nil
        }
    }

    func save(_ lead: consuming LeadState) {
        let id = lead.id
        let current = saved[id] ?? self.lead(id)
        timers.replace(current?.timers ?? [], with: lead.timers)
        if saved.updateValue(lead, forKey: id) == nil { savedOrder.append(id) }
    }

    func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState] {
        leads(where: "owner = \(rep) AND awaits_first_touch") { $0.owner == rep && $0.awaitsFirstTouch }
    }

    func leads(ownedBy rep: RepID) -> [LeadState] {
        leads(where: "owner = \(rep) AND status IN ('open', 'engaged', 'nurture') AND id NOT IN (SELECT lead FROM erased_leads)") {
            $0.owner == rep && [.open, .engaged, .nurture].contains($0.status)
        }
    }

    func leadsInCadence(of rep: RepID) -> Int {
        do {
            let changed = Array(saved.keys)
            let unchanged = try session.scalar(
                "SELECT count(*) FROM leads WHERE owner = \(rep) AND in_cadence AND NOT (id = ANY(\(changed)))",
                as: Int64.self) ?? 0
            return Int(unchanged) + saved.values.count { $0.owner == rep && $0.isInCadence }
        } catch {
            fail(error)
            return 0
        }
    }

    /// The rows `filter` selects that this transaction has not saved, and the
    /// saved leads `matches` accepts, in capture order.
    private func leads(where filter: PostgresQuery, _ matches: (LeadState) -> Bool) -> [LeadState] {
        do {
            let changed = Array(saved.keys)
            var query = PostgresQuery(unsafeSQL: "SELECT row_to_json(l)::text FROM leads l WHERE " + filter.sql
                                      + " AND NOT (id = ANY($\(filter.binds.count + 1)))", binds: filter.binds)
            query.binds.append(changed)
            var found = try session.texts(query).map(LeadColumns.read)
            for lead in found where stored[lead.id] == nil { stored[lead.id] = lead }
            found += saved.values.filter(matches)
            return found.sorted { $0.seq < $1.seq }
        } catch {
            fail(error)
            return []
        }
    }

    func fail(_ error: any Error) {
        if failure == nil { failure = error }
    }

    /// Throws the first error a read met.
    func check() throws {
        if let failure { throw failure }
    }

    // MARK: Timers

    /// The earliest timer row not removed in this transaction.
    func storedTimer() throws -> LeadTimer? {
        while true {
            if !timerPageLoaded || (timerIndex == timerPage.count && !timersExhausted) { try loadTimerPage() }
            while timerIndex < timerPage.count, timers.isRemoved(timerPage[timerIndex]) { timerIndex += 1 }
            if timerIndex < timerPage.count { return timerPage[timerIndex] }
            if timersExhausted { return nil }
        }
    }

    private func loadTimerPage() throws {
        let after = timerPage.last
        var query: PostgresQuery = "SELECT at, lead_seq, lead, kind FROM timers ORDER BY at, lead_seq, kind_order LIMIT \(Self.timerPageSize)"
        if let after {
            query = """
                SELECT at, lead_seq, lead, kind FROM timers
                WHERE (at, lead_seq, kind_order) > (\(after.at.secondsSinceEpoch), \(after.leadSeq), \(after.kind.order))
                ORDER BY at, lead_seq, kind_order LIMIT \(Self.timerPageSize)
                """
        }
        timerPage = try session.query(query).map(Self.timer)
        timerIndex = 0
        timerPageLoaded = true
        timersExhausted = timerPage.count < Self.timerPageSize
    }

    static func timer(_ row: PostgresRow) throws -> LeadTimer {
        let (at, leadSeq, lead, code) = try row.decode((Int64, Int64, String, String).self)
        guard let kind = LeadTimer.Kind(code: code) else {
            throw PostgresStoreError.data(table: "timers", key: lead, message: "unknown timer kind \"\(code)\"")
        }
        return LeadTimer(at: Instant(secondsSinceEpoch: at), leadSeq: leadSeq, lead: lead, kind: kind)
    }

    // MARK: Erasure

    /// Whether `lead` was erased (asked once per lead and transaction; prefetched leads are known).
    func isErased(_ lead: LeadID) throws -> Bool {
        if erased.contains(lead) { return true }
        if kept.contains(lead) { return false }
        let found = try session.scalar("SELECT true FROM erased_leads WHERE lead = \(lead)", as: Bool.self) ?? false
        if found { erased.insert(lead) } else { kept.insert(lead) }
        return found
    }

    /// What a lead's rows were before this transaction (for tallies and the upsert).
    func storedLead(_ id: LeadID) -> LeadState? { stored[id] }
}
