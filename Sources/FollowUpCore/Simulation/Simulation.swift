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

    /// Fires every timer due before `event.at`, then applies the event
    /// (``Engine/advance(to:in:fired:)``).
    /// - Throws: ``Diagnostic`` when the event is out of order or names an
    ///   unknown lead or rep; nothing changes then.
    public mutating func apply(_ event: Event, emit: (EngineOutcome) -> Void) throws(Diagnostic) {
        if let now, event.at < now { throw Self.outOfOrder(event, now: now) }
        do {
            let outcome = try engine.advance(to: event, in: &world) { _, _, outcome in
                if !outcome.notifications.isEmpty || !outcome.notes.isEmpty { emit(outcome) }
            }
            now = event.at
            emit(outcome)
        } catch let error as Diagnostic {
            throw error
        } catch {
            preconditionFailure("the in-memory world does not throw: \(error)")
        }
    }

    /// ``apply(_:emit:)`` for callers that want only the notifications: they
    /// are appended to `notifications`, with no ``EngineOutcome`` per event or
    /// timer (`simulate` runs a million of them). The same order as
    /// ``Engine/advance(to:in:fired:)``, spelled out for speed.
    public mutating func apply(_ event: Event, appendingTo notifications: inout [LeadNotification]) throws(Diagnostic) {
        if let now, event.at < now { throw Self.outOfOrder(event, now: now) }
        try engine.validate(event, in: world)
        while let timer = world.takeTimer(dueBefore: event.at, inclusive: false) {
            _ = engine.fire(timer, in: &world, appendingTo: &notifications)
        }
        now = event.at
        _ = engine.applyValidated(event, to: &world, appendingTo: &notifications)
    }

    /// Fires every timer due at or before `until`.
    public mutating func run(until: Instant, emit: (EngineOutcome) -> Void) {
        var last = now
        do {
            try engine.fireDue(before: until, inclusive: true, in: &world) { _, timer, outcome in
                last = max(last ?? timer.at, timer.at)
                if !outcome.notifications.isEmpty || !outcome.notes.isEmpty { emit(outcome) }
            }
        } catch {
            preconditionFailure("the in-memory world does not throw: \(error)")
        }
        now = last
    }

    /// Fires the earliest timer due at or before `until`, appending its
    /// notifications to `notifications`; false when none is left. One at a
    /// time, so the caller can hand notifications on while the rest fire.
    public mutating func fireNext(until: Instant, appendingTo notifications: inout [LeadNotification]) -> Bool {
        guard let timer = world.takeTimer(dueBefore: until, inclusive: true) else { return false }
        now = max(now ?? timer.at, timer.at)
        _ = engine.fire(timer, in: &world, appendingTo: &notifications)
        return true
    }

    private static func outOfOrder(_ event: Event, now: Instant) -> Diagnostic {
        Diagnostic(field: "at", message: "\(event.at) is earlier than the previous event or timer (\(now)); events must be in time order")
    }
}
