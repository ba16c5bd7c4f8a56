public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Applies a batch of events in the timeline's order (``Engine/advance(to:in:fired:)``:
    /// before each event, every timer due strictly before it fires) in ONE transaction.
    ///
    /// The result is exactly what ``fireNextTimer(dueBy:inclusive:engine:)``
    /// and ``record(_:source:receivedAt:engine:)`` called in turn would give
    /// (same notifications, ids, state); only the commits are fewer. This is
    /// what lets the API take thousands of events a second: a commit costs
    /// more than the work of one event. The batch is all or nothing: one bad
    /// event rolls back the whole batch and nothing is acknowledged.
    /// - Throws: ``EventBatchError`` naming the first event that cannot apply.
    public func advance(through events: [Event], source: String, receivedAt: Instant,
                        engine: Engine) async throws -> TimelineBatch {
        let receivers = self.receivers
        return try await transaction { db, cache in
            var world = Self.world(db, cache)
            var batch = TimelineBatch(events: [], timers: [], notifications: [])
            batch.events.reserveCapacity(events.count)
            for (index, event) in events.enumerated() {
                do {
                    if let refusal = try Self.erasedLeadRefusal(event, db) { throw refusal }
                    let seq = try EventRow.insert(event, source: source, receivedAt: receivedAt, db)
                    let outcome = try engine.advance(to: event, in: &world) { world, timer, outcome in
                        try Self.queue(outcome.notifications, createdAt: timer.at, receivers: receivers, world, &cache)
                        cache.applied(at: timer.at)
                        batch.timers.append(FiredTimer(timer: timer, notifications: outcome.notifications))
                        batch.notifications += outcome.notifications
                    }
                    try Self.queue(outcome.notifications, createdAt: receivedAt, receivers: receivers, world, &cache)
                    cache.applied(at: event.at)
                    batch.events.append(RecordedEvent(seq: seq, notifications: outcome.notifications))
                    batch.notifications += outcome.notifications
                } catch let error as EventError {
                    throw EventBatchError(index: index, error: error)
                }
            }
            try Self.close(world, into: &cache)
            return batch
        }
    }
}
