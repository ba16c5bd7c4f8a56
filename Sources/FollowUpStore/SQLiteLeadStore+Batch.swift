public import FollowUpCore
import GRDB

extension SQLiteLeadStore {
    /// Applies a batch of events as the daemon's timeline does — before each
    /// event, every timer due strictly before it fires — in ONE transaction.
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
            var batch = TimelineBatch(events: [], timers: [], notifications: [])
            batch.events.reserveCapacity(events.count)
            for (index, event) in events.enumerated() {
                while let fired = try Self.fireNextTimer(dueBy: event.at, inclusive: false, engine: engine,
                                                         receivers: receivers, db, &cache) {
                    batch.timers.append(fired)
                    batch.notifications += fired.notifications
                }
                do {
                    let recorded = try Self.record(event, source: source, receivedAt: receivedAt, engine: engine,
                                                   receivers: receivers, db, &cache)
                    batch.events.append(recorded)
                    batch.notifications += recorded.notifications
                } catch let error as EventError {
                    throw EventBatchError(index: index, error: error)
                }
            }
            return batch
        }
    }
}
