/// The durable home of the engine's world, as the daemon sees it.
///
/// Implementations (SQLite now, PostgreSQL later) keep; they do not decide.
/// ``write(_:)`` hands the core one transaction (``TimelineTransaction``):
/// the core runs the engine over it in the timeline's order and says what to
/// log and queue; the event log row, the lead and team state, the lead's
/// timers and the notifications' outbox rows commit together or not at all.
/// "Acknowledged" means committed. The daemon never speaks SQL.
public protocol LeadStore: Sendable {
    /// Runs `work` in one write transaction and commits what it did, or
    /// nothing when it throws. Transactions never interleave.
    func write<T: Sendable>(_ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T

    /// ``write(_:)``, told which leads `work` will read: a store that pays a
    /// round trip per read (PostgreSQL) fetches them all in one statement
    /// first. A hint only: `work` may read any lead. By default, ``write(_:)``.
    func write<T: Sendable>(reading leads: [LeadID],
                            _ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T

    /// The earliest pending timer, if any.
    func nextTimer() async throws -> LeadTimer?

    /// Puts new rules in force, all or nothing, in one transaction: merges
    /// the rule files' `roster` into the team (new reps join; known reps get
    /// the files' details and keep their availability and place) and re-plans
    /// every open lead's obligations under `engine`'s rules (see
    /// ``Engine/replan(_:previous:)``), rewriting the leads and their timers.
    /// What a rules reload does; when any part fails nothing is written.
    /// - Parameter progress: called every few thousand leads (the daemon pings its watchdog).
    func putInForce(engine: Engine, previous: Rules, roster: [Rep],
                    progress: @escaping @Sendable () -> Void) async throws -> ReplanReport
    /// ``putInForce(engine:previous:roster:progress:)``, and where the store
    /// keeps the rules in force for several nodes (PostgreSQL), `sources`
    /// recorded as them in the same transaction. By default (one node, whose
    /// files are the record) the same as without them.
    func putInForce(engine: Engine, previous: Rules, roster: [Rep], sources: RuleSources,
                    progress: @escaping @Sendable () -> Void) async throws -> ReplanReport
    /// What ``putInForce(engine:previous:roster:progress:)`` would move, writing nothing (a preview).
    /// - Parameter keep: how many of the moved leads to return (in capture order); all are counted.
    func previewReplan(engine: Engine, previous: Rules, keep: Int) async throws -> ReplanReport
    /// Housekeeping after writes (SQLite: move the write-ahead log into the
    /// database) without blocking writers. Called by the daemon as it writes;
    /// a store with nothing to do does nothing.
    func checkpoint() async throws
    /// Housekeeping once writes have paused (SQLite: empty a write-ahead log
    /// that grew past its limit, which briefly holds writers off). Called by
    /// the daemon after a quiet moment; a store with nothing to do does nothing.
    func compactLog() async throws

    /// The instant of the last event applied or timer fired (nil for a new store):
    /// the daemon never applies anything before it.
    func lastAppliedAt() async throws -> Instant?
}

extension LeadStore {
    public func putInForce(engine: Engine, previous: Rules, roster: [Rep], sources: RuleSources,
                           progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        try await putInForce(engine: engine, previous: previous, roster: roster, progress: progress)
    }

    public func write<T: Sendable>(reading leads: [LeadID],
                                   _ work: @escaping @Sendable (any TimelineTransaction) throws -> T) async throws -> T {
        try await write(work)
    }

    /// Applies a batch as the timeline does (``Engine/advance(through:source:receivedAt:in:)``:
    /// before each event, every timer due strictly before it fires) in ONE
    /// all-or-nothing transaction: what the API does with one request.
    /// - Throws: ``EventBatchError`` naming the first event that cannot apply; nothing is written.
    public func advance(through events: [Event], source: String, receivedAt: Instant,
                        engine: Engine) async throws -> TimelineBatch {
        try await write(reading: events.compactMap(\.lead)) {
            try engine.advance(through: events, source: source, receivedAt: receivedAt, in: $0)
        }
    }

    /// Fires the earliest pending timer if it is due at or before `limit`
    /// (strictly before, when `inclusive` is false), in one transaction.
    /// Nil when no timer is due.
    public func fireNextTimer(dueBy limit: Instant, inclusive: Bool, engine: Engine) async throws -> FiredTimer? {
        try await write { try engine.fireNext(dueBefore: limit, inclusive: inclusive, in: $0) }
    }

    /// Fires, oldest first, up to `count` timers due at or before `limit`
    /// (strictly before, when `inclusive` is false) in ONE transaction: a
    /// backlog of due timers (a million leads captured in a rush, a restart)
    /// costs one commit per `count` timers, not one each. Empty when none is due.
    public func fireDueTimers(atMost count: Int, dueBy limit: Instant, inclusive: Bool,
                              engine: Engine) async throws -> [FiredTimer] {
        try await write { try engine.fireNext(atMost: count, dueBefore: limit, inclusive: inclusive, in: $0) }
    }
}

/// What recording one event did.
public struct RecordedEvent: Sendable {
    /// The event's position in the event log.
    public var seq: Int64
    /// The notifications it minted (also in the outbox).
    public var notifications: [LeadNotification]

    public init(seq: Int64, notifications: [LeadNotification]) {
        self.seq = seq
        self.notifications = notifications
    }
}

/// What firing one timer did.
public struct FiredTimer: Sendable {
    public var timer: LeadTimer
    public var notifications: [LeadNotification]
}

/// A batch event that cannot apply: its index in the batch and why.
public struct EventBatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var error: Diagnostic

    public init(index: Int, error: Diagnostic) {
        self.index = index
        self.error = error
    }

    /// `event 3: lead: unknown lead "L9"`.
    public var description: String { "event \(index): \(error)" }
}

/// What ``LeadStore/advance(through:source:receivedAt:engine:)`` did.
public struct TimelineBatch: Sendable {
    /// One per event, in order.
    public var events: [RecordedEvent]
    /// The timers that fired between them, in order.
    public var timers: [FiredTimer]

    /// Every notification minted, timers' and events' interleaved as they happened.
    public var notifications: [LeadNotification]
}


/// What re-planning the open leads found (and, committed, did).
public struct ReplanReport: Sendable, Hashable {
    /// Leads with pending obligations that were looked at.
    public var examined: Int
    /// How many of them moved.
    public var movedCount: Int
    /// The first of them, in capture order (as many as asked for).
    public var moved: [LeadReplan]

    public init(examined: Int = 0, movedCount: Int = 0, moved: [LeadReplan] = []) {
        self.examined = examined
        self.movedCount = movedCount
        self.moved = moved
    }
}
