/// Replays events through the ``Engine`` on a virtual clock, firing timers
/// in between: the semantics of `followupctl simulate`.
///
/// Events must come in time order. Events at one instant apply in input order
/// and before that instant's timers, so a touch logged exactly at a deadline is
/// on time. Timers fire in (time, capture order) order.
public struct Simulation {
    public let engine: Engine
    public private(set) var world: MemoryWorld
    /// The time of the last event applied or timer fired.
    public private(set) var now: Instant?

    public init(rules: Rules, explains: Bool = false) {
        engine = Engine(rules: rules, explains: explains)
        world = MemoryWorld(team: TeamState(roster: rules.roster))
    }

    /// Fires every timer due before `event.at`, then applies the event.
    /// - Throws: ``EventError`` when the event is out of order or names an
    ///   unknown lead or rep; nothing changes then.
    public mutating func apply(_ event: Event, emit: (EngineOutcome) -> Void) throws(EventError) {
        if let now, event.at < now {
            throw EventError(field: "at", message: "\(event.at) is earlier than the previous event or timer (\(now)); events must be in time order")
        }
        try engine.validate(event, in: world)  // before the timers fire, so a rejected event changes nothing
        fireTimers(before: event.at, inclusive: false, emit: emit)
        now = event.at
        emit(engine.applyValidated(event, to: &world))
    }

    /// Fires every timer due at or before `until`.
    public mutating func run(until: Instant, emit: (EngineOutcome) -> Void) {
        fireTimers(before: until, inclusive: true, emit: emit)
    }

    private mutating func fireTimers(before limit: Instant, inclusive: Bool, emit: (EngineOutcome) -> Void) {
        while let timer = world.nextTimer(), timer.at < limit || (inclusive && timer.at == limit) {
            world.popTimer(timer)
            now = max(now ?? timer.at, timer.at)
            let outcome = engine.fire(timer, in: &world)
            if !outcome.notifications.isEmpty || !outcome.notes.isEmpty { emit(outcome) }
        }
    }
}
