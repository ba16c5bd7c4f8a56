public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Checks a batch against the stored world without writing: every lead and
    /// rep an event names must be stored, or captured or upserted earlier in the batch.
    /// - Throws: ``EventBatchError`` for the first bad event.
    public func validate(_ events: [Event], engine: Engine) async throws {
        let team = committed.team
        try await pool.read { db in
            var leads = Set<LeadID>()
            var reps = Set<RepID>()
            var failure: (any Error)?
            func leadExists(_ id: LeadID) -> Bool {
                if leads.contains(id) { return true }
                do { return try LeadRow.exists(db, id: id) } catch {
                    failure = failure ?? error
                    return false
                }
            }
            for (index, event) in events.enumerated() {
                do throws(EventError) {
                    try engine.validate(event, leadExists: leadExists, repExists: { reps.contains($0) || team.members[$0] != nil })
                } catch {
                    if let failure { throw failure }
                    throw EventBatchError(index: index, error: error)
                }
                if let failure { throw failure }
                if let refusal = try Self.erasedLeadRefusal(event, db) { throw EventBatchError(index: index, error: refusal) }
                switch event.body {
                case .leadCaptured(let profile): leads.insert(profile.id)
                case .repUpserted(let rep): reps.insert(rep.id)
                default: break
                }
            }
        }
    }

    /// Applies one event in one transaction: the event log row, the engine's
    /// changes to leads, timers and team, and the outbox rows of what it minted.
    /// - Throws: ``EventError`` when the event cannot apply; nothing is written then.
    public func record(_ event: Event, source: String, receivedAt: Instant, engine: Engine) async throws -> RecordedEvent {
        let receivers = self.receivers
        return try await transaction { db, cache in
            try Self.record(event, source: source, receivedAt: receivedAt, engine: engine, receivers: receivers, db, &cache)
        }
    }

    /// The earliest pending timer, if any: a lead's, or a rep's planned availability change.
    public func nextTimer() async throws -> LeadTimer? {
        let change = committed.team.timers.first
        let timer = try await pool.read(TimerRow.earliest)
        guard let change else { return timer }
        return timer.map { $0 < change ? $0 : change } ?? change
    }

    /// Fires the earliest timer if it is due by `limit`, in one transaction.
    ///
    /// The fired row is deleted before the engine runs, and the lead's other
    /// timers are replaced from its new state: a timer the lead no longer asks
    /// for does nothing and is gone, so no timer fires twice. Outbox rows are
    /// stamped with the timer's instant (this call has no clock).
    public func fireNextTimer(dueBy limit: Instant, inclusive: Bool, engine: Engine) async throws -> FiredTimer? {
        let receivers = self.receivers
        return try await transaction { db, cache in
            try Self.fireNextTimer(dueBy: limit, inclusive: inclusive, engine: engine, receivers: receivers, db, &cache)
        }
    }

    /// The instant of the last event applied or timer fired; nil for a new store.
    public func lastAppliedAt() async throws -> Instant? {
        committed.lastAppliedAt
    }

    // MARK: The steps, inside a transaction

    /// One event: log, apply, write what changed, queue what it minted. An event
    /// the engine rejects throws before anything is written to the world, and
    /// the surrounding transaction rolls the log row back.
    static func record(_ event: Event, source: String, receivedAt: Instant, engine: Engine,
                       receivers: NotificationRouter, _ db: Database, _ cache: inout StoreCache) throws -> RecordedEvent {
        if let refusal = try erasedLeadRefusal(event, db) { throw refusal }
        var world = StoreWorld(db: db, team: cache.team)
        let seq = try EventRow.insert(event, source: source, receivedAt: receivedAt, db)
        let outcome = try engine.apply(event, to: &world)
        try world.flush()
        try OutboxRow.insert(outcome.notifications, receivers: { receivers($0, world.routeFacts(of: $0.lead)) },
                             createdAt: receivedAt, tallies: &cache.tallies, db)
        cache.tallies.merge(world.tallies)
        cache.timerWritten(at: world.earliestTimer)
        cache.team = world.team
        cache.applied(at: event.at)
        return RecordedEvent(seq: seq, notifications: outcome.notifications)
    }

    /// The earliest timer, if due by `limit`: its row goes first, then the engine fires it.
    static func fireNextTimer(dueBy limit: Instant, inclusive: Bool, engine: Engine,
                              receivers: NotificationRouter, _ db: Database, _ cache: inout StoreCache) throws -> FiredTimer? {
        func due(_ at: Instant) -> Bool { at < limit || (inclusive && at == limit) }
        // Reps' planned changes live with the team (few, in memory); leads' timers in their table.
        let change = cache.team.timers.first.flatMap { due($0.at) ? $0 : nil }
        var earliest: LeadTimer?
        if cache.timerFloor.map(due) ?? true {
            earliest = try TimerRow.earliest(db)
            cache.timerFloor = earliest?.at ?? Instant(secondsSinceEpoch: .max)
        }
        if let found = earliest, !due(found.at) { earliest = nil }
        let timer: LeadTimer
        if let change, earliest.map({ change < $0 }) ?? true {
            timer = change
        } else if let found = earliest {
            timer = found
            try TimerRow.delete(timer, db)
            cache.tallies.add(TallyDelta.timers, -1)
        } else {
            return nil
        }
        var world = StoreWorld(db: db, team: cache.team)
        let outcome = engine.fire(timer, in: &world)
        try world.flush()
        try OutboxRow.insert(outcome.notifications, receivers: { receivers($0, world.routeFacts(of: $0.lead)) },
                             createdAt: timer.at, tallies: &cache.tallies, db)
        cache.tallies.merge(world.tallies)
        cache.timerWritten(at: world.earliestTimer)
        cache.team = world.team
        cache.applied(at: timer.at)
        return FiredTimer(timer: timer, notifications: outcome.notifications)
    }
}
