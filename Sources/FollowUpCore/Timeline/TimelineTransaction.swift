/// One write transaction on a store, as the timeline uses it: the engine's
/// world with its timer queue (``TimedWorld``), plus the event log and the
/// outbox. A store hands one to ``LeadStore/write(_:)``; the core decides
/// the order, what is logged and what is queued
/// (``Engine/advance(through:source:receivedAt:in:)``), the store only keeps it.
///
/// A reference type: a store's transaction is one place, whoever holds it.
public protocol TimelineTransaction: AnyObject, TimedWorld {
    /// Appends `event` to the event log and returns its position.
    /// - Throws: ``Diagnostic`` when the event names a lead that was erased
    ///   (its events are refused); storage errors.
    func log(_ event: Event, source: String, receivedAt: Instant) throws -> Int64
    /// Queues `notifications` in the outbox, stamped `createdAt`: one row per
    /// receiver the store's routes give each, decided now, as the lead stands.
    func queue(_ notifications: [LeadNotification], createdAt: Instant) throws
    /// The timeline reached `instant`: an event applied or a timer fired there.
    func reached(_ instant: Instant)
    /// The answer kept under the client's `Idempotency-Key` `key`, if a batch
    /// was applied with it (this transaction's own included): one indexed lookup.
    func storedAnswer(forKey key: String) throws -> StoredAnswer?
    /// Keeps `answer` under `key`, stamped `at` (when the request came),
    /// committed with the batch it answers; and forgets at most
    /// ``StoredAnswer/forgottenPerWrite`` answers stamped more than
    /// ``StoredAnswer/lifetime`` before `at`, so the keys never grow without bound.
    func store(_ answer: StoredAnswer, forKey key: String, at: Instant) throws
}
