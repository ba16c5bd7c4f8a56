/// The order of a timeline, in one place: every caller that applies events
/// with timers between them (`simulate`, the store's batches, the tests'
/// reference daemons) goes through these two functions.
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
    /// - Throws: ``EventError`` when the event cannot apply; what `fired` throws.
    public func advance<World: TimedWorld>(
        to event: Event, in world: inout World,
        fired: (inout World, LeadTimer, EngineOutcome) throws -> Void
    ) throws -> EngineOutcome {
        try validate(event, in: world)
        try fireDue(before: event.at, inclusive: false, in: &world, fired: fired)
        return applyValidated(event, to: &world)
    }
}
