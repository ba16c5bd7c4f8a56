public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Applies one event at its own `at` in one transaction, without firing
    /// the timers due before it first (``advance(through:source:receivedAt:engine:)``
    /// does): the event log row, the engine's changes to leads, timers and
    /// team, and the outbox rows of what it minted. For tests and tools that
    /// place events and timers themselves.
    /// - Throws: ``EventError`` when the event cannot apply; nothing is written then.
    public func record(_ event: Event, source: String, receivedAt: Instant, engine: Engine) async throws -> RecordedEvent {
        let receivers = self.receivers
        return try await transaction { db, cache in
            var world = Self.world(db, cache)
            if let refusal = try Self.erasedLeadRefusal(event, db) { throw refusal }
            let seq = try EventRow.insert(event, source: source, receivedAt: receivedAt, db)
            let outcome = try engine.apply(event, to: &world)
            try Self.queue(outcome.notifications, createdAt: receivedAt, receivers: receivers, world, &cache)
            cache.applied(at: event.at)
            try Self.close(world, into: &cache)
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

    /// Fires the earliest timer if it is due by `limit`, in one transaction.
    ///
    /// The fired row is deleted before the engine runs, and the lead's other
    /// timers are replaced from its new state: a timer the lead no longer asks
    /// for does nothing and is gone, so no timer fires twice. Outbox rows are
    /// stamped with the timer's instant (this call has no clock).
    public func fireNextTimer(dueBy limit: Instant, inclusive: Bool, engine: Engine) async throws -> FiredTimer? {
        let receivers = self.receivers
        return try await transaction { db, cache in
            var world = Self.world(db, cache)
            guard let timer = try world.takeTimer(dueBefore: limit, inclusive: inclusive) else {
                try Self.close(world, into: &cache)
                return nil
            }
            let outcome = engine.fire(timer, in: &world)
            try Self.queue(outcome.notifications, createdAt: timer.at, receivers: receivers, world, &cache)
            cache.applied(at: timer.at)
            try Self.close(world, into: &cache)
            return FiredTimer(timer: timer, notifications: outcome.notifications)
        }
    }

    /// The instant of the last event applied or timer fired; nil for a new store.
    public func lastAppliedAt() async throws -> Instant? {
        committed.lastAppliedAt
    }

    // MARK: Inside a transaction

    /// The engine's world on this transaction: the committed team and what
    /// the transaction knows of its earliest timer.
    static func world(_ db: Database, _ cache: StoreCache) -> StoreWorld {
        StoreWorld(db: db, team: cache.team, timerFloor: cache.timerFloor)
    }

    /// Queues what the engine minted: one outbox row per notification and
    /// receiver, routed by the lead as it stands in `world`.
    static func queue(_ notifications: [LeadNotification], createdAt: Instant, receivers: NotificationRouter,
                      _ world: StoreWorld, _ cache: inout StoreCache) throws {
        try OutboxRow.insert(notifications, receivers: { receivers($0, world.routeFacts(of: $0.lead)) },
                             createdAt: createdAt, tallies: &cache.tallies, world.db)
    }

    /// Writes what the world still holds and hands its team, row counts and
    /// timer floor to the cache (published only after the commit).
    static func close(_ world: StoreWorld, into cache: inout StoreCache) throws {
        try world.flush()
        cache.tallies.merge(world.tallies)
        cache.timerFloor = world.timerFloor
        cache.timerWritten(at: world.earliestTimer)
        cache.team = world.team
    }
}
