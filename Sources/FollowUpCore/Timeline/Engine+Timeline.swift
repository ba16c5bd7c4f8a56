/// The order of a timeline, in one place: every caller that applies events
/// with timers between them (`simulate`, the stores' transactions, the tests'
/// reference daemons) goes through these functions; a store only keeps what
/// they decide.
extension Engine {
    /// Fires, oldest first, every timer due before `limit` (at it too, when
    /// `inclusive`). `fired` sees each timer and what it did, with the world as
    /// the engine left it (a store writes the outbox rows there).
    public func fireDue<World: TimedWorld>(
        before limit: Instant, inclusive: Bool, in world: inout World,
        fired: (inout World, LeadTimer, EngineOutcome) throws -> Void
    ) throws {
        while let timer = try world.takeTimer(dueBefore: limit, inclusive: inclusive) {
            let outcome = fire(timer, in: &world)
            try fired(&world, timer, outcome)
        }
    }

    /// DESIGN's order for one event: it is checked first (a rejected event
    /// fires nothing); then every timer due strictly before its instant fires,
    /// oldest first; then the event applies, before the timers of its own
    /// instant, so a touch logged exactly at a deadline is on time.
    /// - Throws: ``Diagnostic`` when the event cannot apply; what `fired` throws.
    public func advance<World: TimedWorld>(
        to event: Event, in world: inout World,
        fired: (inout World, LeadTimer, EngineOutcome) throws -> Void
    ) throws -> EngineOutcome {
        try validate(event, in: world)
        try fireDue(before: event.at, inclusive: false, in: &world, fired: fired)
        return applyValidated(event, to: &world)
    }

    /// A batch of events in the timeline's order, in one store transaction:
    /// each event is logged, the timers due before it fire, it applies, and
    /// what each minted is queued. All or nothing: the caller's transaction
    /// rolls back on the first error.
    /// - Throws: ``EventBatchError`` naming the first event that cannot apply; storage errors.
    public func advance(through events: [Event], source: String, receivedAt: Instant,
                        in transaction: some TimelineTransaction) throws -> TimelineBatch {
        var world = transaction
        var batch = TimelineBatch(events: [], timers: [], notifications: [])
        batch.events.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            do {
                let seq = try world.log(event, source: source, receivedAt: receivedAt)
                let outcome = try advance(to: event, in: &world) { world, timer, outcome in
                    try world.queue(outcome.notifications, createdAt: timer.at)
                    world.reached(timer.at)
                    batch.timers.append(FiredTimer(timer: timer, notifications: outcome.notifications))
                    batch.notifications += outcome.notifications
                }
                try world.queue(outcome.notifications, createdAt: receivedAt)
                world.reached(event.at)
                batch.events.append(RecordedEvent(seq: seq, notifications: outcome.notifications))
                batch.notifications += outcome.notifications
            } catch let error as Diagnostic {
                throw EventBatchError(index: index, error: error)
            }
        }
        return batch
    }

    /// Fires the earliest timer if it is due before `limit` (at it too, when
    /// `inclusive`) and queues what it minted, stamped with the timer's instant.
    /// Nil when none is due.
    public func fireNext(dueBefore limit: Instant, inclusive: Bool,
                         in transaction: some TimelineTransaction) throws -> FiredTimer? {
        try fireNext(atMost: 1, dueBefore: limit, inclusive: inclusive, in: transaction).first
    }

    /// Fires, oldest first, up to `count` timers due before `limit` (at it
    /// too, when `inclusive`), each queueing what it minted stamped with its
    /// own instant: the same timeline as firing them one by one, in one
    /// transaction. Empty when none is due.
    public func fireNext(atMost count: Int, dueBefore limit: Instant, inclusive: Bool,
                         in transaction: some TimelineTransaction) throws -> [FiredTimer] {
        var world = transaction
        var fired: [FiredTimer] = []
        while fired.count < count, let timer = try world.takeTimer(dueBefore: limit, inclusive: inclusive) {
            let outcome = fire(timer, in: &world)
            try world.queue(outcome.notifications, createdAt: timer.at)
            world.reached(timer.at)
            fired.append(FiredTimer(timer: timer, notifications: outcome.notifications))
        }
        return fired
    }
}

