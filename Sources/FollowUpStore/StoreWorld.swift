import FollowUpCore
import FollowUpReports
import GRDB

/// The engine's world inside one write transaction: leads are read from the
/// file on demand, saves are buffered and written by ``flush()`` with the
/// timers their new state asks for; the team is an in-memory copy the store
/// writes back after the engine is done.
///
/// A class because ``EngineWorld``'s reads are non-mutating yet must remember
/// what they read (to diff timers on save) and any error: the protocol cannot
/// fail, so the first storage error is kept and thrown by ``flush()``, which
/// rolls the transaction back.
final class StoreWorld: EngineWorld {
    let db: Database
    var team: TeamState

    /// Leads as their rows stand in this transaction (before ``flush()``).
    private var stored: [LeadID: LeadState] = [:]
    /// Ids read and found absent, so a capture asks the file once.
    private var absent: Set<LeadID> = []
    /// What the engine saved, by id, and the order of first saves.
    private var saved: [LeadID: LeadState] = [:]
    private var savedOrder: [LeadID] = []
    /// Row counts this world's writes changed (see ``TallyDelta``).
    var tallies = TallyDelta()
    /// How the flushed leads changed the leads in cadence per owner and team.
    var cadence = InCadenceCounts()
    /// The earliest timer of any lead written so far (see ``StoreCache/timerFloor``).
    private(set) var earliestTimer: Instant?
    /// No pending timer row is earlier than this (nil: unknown); see
    /// ``StoreCache/timerFloor``. Kept by ``takeTimer(dueBefore:inclusive:)``.
    var timerFloor: Instant?
    /// The first read that failed.
    private var failure: (any Error)?

    /// Who gets each notification queued here (``queue(_:createdAt:)``).
    let routing: NotificationRouter
    /// The latest instant an event applied or a timer fired at in this transaction.
    var reachedAt: Instant?
    /// Leads this transaction saved, logged an event of or queued a
    /// notification about: their report contributions are recomputed before it commits.
    var changedLeads: Set<LeadID> = []
    /// Leads whose row this transaction inserted: every fact of theirs is in ``recorded``.
    private var captured: Set<LeadID> = []
    /// The report facts this transaction logged and queued (see ``RecordedFacts``).
    var recorded = RecordedFacts()

    init(db: Database, team: TeamState, timerFloor: Instant? = nil, routing: @escaping NotificationRouter) {
        self.db = db
        self.team = team
        self.timerFloor = timerFloor
        self.routing = routing
    }

    // MARK: EngineWorld

    func lead(_ id: LeadID) -> LeadState? {
        if let lead = saved[id] ?? stored[id] { return lead }
        if absent.contains(id) { return nil }
        do {
            guard let lead = try LeadRow.fetch(db, id: id) else {
                absent.insert(id)
                return nil
            }
            stored[id] = lead
            return lead
        } catch {
            fail(error)
            return nil
        }
    }

    func hasLead(_ id: LeadID) -> Bool {
        if saved[id] != nil || stored[id] != nil { return true }
        if absent.contains(id) { return false }
        do {
            if try LeadRow.exists(db, id: id) { return true }
            absent.insert(id)
            return false
        } catch {
            fail(error)
            return false
        }
    }

    func save(_ lead: consuming LeadState) {
        let id = lead.id
        if saved.updateValue(lead, forKey: id) == nil { savedOrder.append(id) }
    }

    func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState] {
        var found: [LeadID: LeadState]
        do {
            let rows = try LeadRow.fetchAll(db.cachedStatement(sql: LeadRow.awaitingFirstTouchSQL), arguments: [rep])
            found = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for lead in rows where stored[lead.id] == nil { stored[lead.id] = lead }
        } catch {
            fail(error)
            return []
        }
        // Unsaved rows are stale for leads saved earlier in this transaction: the buffer wins.
        for (id, lead) in saved {
            found[id] = lead.owner == rep && lead.awaitsFirstTouch ? lead : nil
        }
        return found.values.sorted { $0.seq < $1.seq }
    }

    func leads(ownedBy rep: RepID) -> [LeadState] {
        // Written first, so the query sees every change of this transaction.
        do { try flush() } catch { fail(error); return [] }
        do {
            let rows = try LeadRow.fetchAll(db.cachedStatement(sql: LeadRow.ownedOpenSQL), arguments: [rep])
            for lead in rows { stored[lead.id] = lead }
            return rows
        } catch {
            fail(error)
            return []
        }
    }

    func leadsInCadence(of rep: RepID) -> Int {
        do {
            try flush()
            return try Int.fetchOne(db.cachedStatement(sql: LeadRow.inCadenceCountSQL), arguments: [rep]) ?? 0
        } catch {
            fail(error)
            return 0
        }
    }

    // MARK: Writing

    /// Writes every saved lead (insert or update) and replaces its timers from
    /// its new state. Throws the first error any read met.
    func flush() throws {
        if let failure { throw failure }
        for id in savedOrder {
            guard let lead = saved[id] else { continue }
            changedLeads.insert(id)
            if let old = stored[id] {
                if old != lead {
                    try LeadRow.update(lead, profileChanged: old.profile != lead.profile, db)
                    if old.status != lead.status {
                        tallies.add(TallyDelta.leads(old.status.rawValue), -1)
                        tallies.add(TallyDelta.leads(lead.status.rawValue), 1)
                    }
                    cadence.add(old, -1)
                    cadence.add(lead, 1)
                    tallies.add(TallyDelta.timers, try TimerRow.replace(old.timers, with: lead.timers, db))
                }
            } else {
                try LeadRow.insert(lead, db)
                captured.insert(id)
                tallies.add(TallyDelta.leads(lead.status.rawValue), 1)
                cadence.add(lead, 1)
                tallies.add(TallyDelta.timers, try TimerRow.replace([], with: lead.timers, db))
            }
            if let first = lead.timers.lazy.map(\.at).min(), earliestTimer.map({ first < $0 }) ?? true {
                earliestTimer = first
            }
            stored[id] = lead
        }
        saved.removeAll()
        savedOrder.removeAll()
    }

    /// A lead as this transaction wrote or read it (after ``flush()``: as it stands), nil when it holds none.
    func written(_ id: LeadID) -> LeadState? { saved[id] ?? stored[id] }

    /// The report facts of a lead this transaction captured (after ``flush()``),
    /// from memory; nil for any other lead, whose earlier facts are in the file.
    func capturedFacts(_ id: LeadID) -> LeadFacts? {
        guard captured.contains(id), let lead = written(id) else { return nil }
        return recorded.facts(of: lead)
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
    }
}

extension StoreWorld {
    /// What routing looks at: the lead's priority and team as they stand in this transaction.
    func routeFacts(of lead: LeadID) -> RouteFacts {
        let state = self.lead(lead)
        return RouteFacts(priority: state?.priority, team: state?.team)
    }
}
