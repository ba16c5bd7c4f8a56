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
        try admit(event)
        run(before: event.at, inclusive: false, emit: emit)
        now = event.at
        emit(engine.applyValidated(event, to: &world))
    }

    /// ``apply(_:emit:)`` for callers that want only the notifications: they
    /// are appended to `notifications`, with no ``EngineOutcome`` per event or
    /// timer (`simulate` runs a million of them).
    public mutating func apply(_ event: Event, appendingTo notifications: inout [LeadNotification]) throws(EventError) {
        try admit(event)
        run(before: event.at, inclusive: false, appendingTo: &notifications)
        now = event.at
        _ = engine.applyValidated(event, to: &world, appendingTo: &notifications)
    }

    /// Fires every timer due at or before `until`.
    public mutating func run(until: Instant, emit: (EngineOutcome) -> Void) {
        run(before: until, inclusive: true, emit: emit)
    }

    /// Fires the earliest timer due at or before `until`, appending its
    /// notifications to `notifications`; false when none is left. One at a
    /// time, so the caller can hand notifications on while the rest fire.
    public mutating func fireNext(until: Instant, appendingTo notifications: inout [LeadNotification]) -> Bool {
        guard let timer = nextTimer(before: until, inclusive: true) else { return false }
        _ = engine.fire(timer, in: &world, appendingTo: &notifications)
        return true
    }

    private mutating func run(before limit: Instant, inclusive: Bool, emit: (EngineOutcome) -> Void) {
        while let timer = nextTimer(before: limit, inclusive: inclusive) {
            let outcome = engine.fire(timer, in: &world)
            if !outcome.notifications.isEmpty || !outcome.notes.isEmpty { emit(outcome) }
        }
    }

    private mutating func run(before limit: Instant, inclusive: Bool, appendingTo notifications: inout [LeadNotification]) {
        while let timer = nextTimer(before: limit, inclusive: inclusive) {
            _ = engine.fire(timer, in: &world, appendingTo: &notifications)
        }
    }

    /// Checks the event's order and validity before any timer fires, so a
    /// rejected event changes nothing.
    private func admit(_ event: Event) throws(EventError) {
        if let now, event.at < now {
            throw EventError(field: "at", message: "\(event.at) is earlier than the previous event or timer (\(now)); events must be in time order")
        }
        try engine.validate(event, in: world)
    }

    /// Takes the earliest pending timer due before `limit` (or at it, when
    /// `inclusive`) off the queue and moves the clock to it.
    private mutating func nextTimer(before limit: Instant, inclusive: Bool) -> LeadTimer? {
        guard let timer = world.nextTimer(), timer.at < limit || (inclusive && timer.at == limit) else { return nil }
        world.popTimer(timer)
        now = max(now ?? timer.at, timer.at)
        return timer
    }
}
