public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Applies one event at its own `at` in one transaction, without firing
    /// the timers due before it first (``LeadStore/advance(through:source:receivedAt:engine:)``
    /// does): the event log row, the engine's changes to leads, timers and
    /// team, and the outbox rows of what it minted. For tests and tools that
    /// place events and timers themselves.
    /// - Throws: ``Diagnostic`` when the event cannot apply; nothing is written then.
    public func record(_ event: Event, source: String, receivedAt: Instant, engine: Engine) async throws -> RecordedEvent {
        try await write { transaction in
            var world = transaction
            let seq = try world.log(event, source: source, receivedAt: receivedAt)
            let outcome = try engine.apply(event, to: &world)
            try world.queue(outcome.notifications, createdAt: receivedAt)
            world.reached(event.at)
            return RecordedEvent(seq: seq, notifications: outcome.notifications)
        }
    }

    /// The earliest pending timer, if any: a lead's, or a rep's planned availability change.
    public func nextTimer() async throws -> LeadTimer? {
        let change = committed.team.timers.first
        let timer = try await pool.read(TimerRow.earliest)
        guard let change else { return timer }
        return timer.map { $0 < change ? $0 : change } ?? change
    }

    /// The instant of the last event applied or timer fired; nil for a new store.
    public func lastAppliedAt() async throws -> Instant? {
        committed.lastAppliedAt
    }

    // MARK: Inside a transaction

    public func write<T: Sendable>(_ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T {
        let routing = self.receivers
        return try await transaction { db, cache in
            let world = StoreWorld(db: db, team: cache.team, timerFloor: cache.timerFloor, routing: routing)
            let result = try work(world)
            try world.flush()
            try self.refreshContributions(of: world.changedLeads, db, current: world.written, captured: world.capturedFacts)
            cache.tallies.merge(world.tallies)
            cache.cadence?.merge(world.cadence)
            cache.timerFloor = world.timerFloor
            cache.timerWritten(at: world.earliestTimer)
            cache.team = world.team
            if let reached = world.reachedAt { cache.applied(at: reached) }
            return result
        }
    }
}
