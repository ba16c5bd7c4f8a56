public import FollowUpCore
public import Logging
public import ServiceLifecycle

/// The daemon's one timeline: it applies events as they arrive and fires
/// timers as they come due, always in time order and one at a time, so the
/// daemon decides exactly what `followupctl simulate` would.
///
/// Before an event is applied every timer due strictly before it fires; an
/// event that arrives after the timeline moved past its `at` (a touch logged
/// late) is applied at the timeline's current time, its own `at` kept in the
/// event log. As a `Service` it runs the scheduler: sleep until the earliest
/// timer or the next event, fire what is due, repeat. It never polls.
///
/// Requests that arrive while an ingest transaction runs share the next one
/// (group commit, `Timeline+Ingest.swift`): the same as running them back to
/// back, with one commit instead of one each.
public actor Timeline: EventIntake, Service {
    /// How far ahead of the daemon's clock an event's `at` may be (clock skew between machines).
    public static let maxFutureSkew = TimeSpan.minutes(1)

    let store: any LeadStore
    let clock: any DaemonClock
    private(set) var engine: Engine
    let scheduler = Wakeup()
    let delivery: Wakeup
    let checkpoint: Wakeup
    let metrics: DaemonMetrics
    private let logger: Logger
    let exclusive = ExclusiveAccess()
    /// Set only under ``exclusive``.
    var lastApplied: Instant?
    /// Requests waiting for the next ingest transaction (``submit(_:source:)``).
    var ingest = IngestQueue()
    private let heartbeat: Heartbeat?

    /// - Parameter heartbeat: called by the scheduler loop after every round
    ///   that worked, at least every `heartbeat.interval` (systemd's watchdog):
    ///   a scheduler that is stuck or keeps failing stops calling it.
    public init(store: any LeadStore, engine: Engine, clock: any DaemonClock, delivery: Wakeup,
                checkpoint: Wakeup = Wakeup(), metrics: DaemonMetrics, logger: Logger,
                heartbeat: Heartbeat? = nil) async throws {
        self.store = store
        self.engine = engine
        self.clock = clock
        self.delivery = delivery
        self.checkpoint = checkpoint
        self.metrics = metrics
        self.logger = logger
        self.heartbeat = heartbeat
        self.lastApplied = try await store.lastAppliedAt()
    }

    /// The rules in force.
    public var rules: Rules { engine.rules }

    // MARK: Rules

    /// Puts `rules` in force: merges their roster into the team and re-plans
    /// every open lead's obligations in one transaction, then swaps the engine,
    /// all under the timeline's lock, so no event or timer sees half of a
    /// reload. Nothing changes (roster, leads, engine) when any part fails.
    /// Timers the new rules make overdue fire right after.
    /// - Parameter sources: the files `rules` were compiled from; a store
    ///   several nodes share records them as the rules in force in the same transaction.
    @discardableResult
    public func replaceRules(_ rules: Rules, sources: RuleSources? = nil) async throws -> ReplanReport {
        let next = Engine(rules: rules)
        let report = try await exclusive.run { [store, heartbeat] in
            let previous = await self.engine.rules
            let report = if let sources {
                try await store.putInForce(engine: next, previous: previous, roster: rules.roster, sources: sources,
                                           progress: { heartbeat?.beat() })
            } else {
                try await store.putInForce(engine: next, previous: previous, roster: rules.roster,
                                           progress: { heartbeat?.beat() })
            }
            // Inside the lock: events and timers read the engine only there.
            await self.install(next)
            return report
        }
        scheduler.ring()
        checkpoint.ring()
        return report
    }

    private func install(_ engine: Engine) {
        self.engine = engine
    }

    /// What ``replaceRules(_:)`` would move, without changing anything.
    public func previewRules(_ rules: Rules, keep: Int) async throws -> ReplanReport {
        try await store.previewReplan(engine: Engine(rules: rules), previous: engine.rules, keep: keep)
    }

    // MARK: Events

    /// Runs `work` (given the daemon's now) while no event batch, timer firing
    /// or re-plan runs: erasing a lead must not interleave with an event for it.
    public func exclusively<T: Sendable>(_ work: @escaping @Sendable (Instant) async throws -> T) async throws -> T {
        let now = clock.now()
        return try await exclusive.run { try await work(now) }
    }

    private func advance(to instant: Instant) {
        lastApplied = max(lastApplied ?? instant, instant)
    }

    /// The earliest instant the next event may be applied at: what the
    /// timeline applied last, unless that is further ahead of the clock than
    /// an event may be (``maxFutureSkew``). Then the clock was stepped back
    /// after running ahead (a bad NTP step, a VM restored), and holding every
    /// event at the timeline's time would freeze SLA timing (new deadlines
    /// set from a future instant, outbox rows due then) until real time caught
    /// up. The timeline starts again from the clock: time order holds from
    /// here on; what was applied while the clock ran ahead keeps its instants,
    /// and timers set then fire at them.
    /// `applied` is what the timeline applied last, counting the requests
    /// before this one in its group (``lastApplied`` once they commit).
    func floor(after applied: Instant?, at now: Instant) -> Instant? {
        guard let applied, applied > now + Self.maxFutureSkew else { return applied }
        logger.warning("the clock reads \(now), behind what the timeline applied (\(applied)): it was stepped back; events are applied at the clock's time again (timers set while it ran ahead fire at their own times)")
        return now
    }

    /// Fires every timer due before `limit` (at it too when `inclusive`), oldest first.
    private func fireDue(before limit: Instant, inclusive: Bool, engine: Engine) async throws {
        while true {
            let batch = try await store.fireDueTimers(atMost: Self.timersPerTransaction, dueBy: limit,
                                                      inclusive: inclusive, engine: engine)
            guard let last = batch.last else { return }
            advance(to: last.timer.at)
            for fired in batch {
                for notification in fired.notifications {
                    logger.debug("\(notification.kind.rawValue) to \(notification.to)", metadata: [
                        "lead_id": "\(notification.lead)", "rep_id": "\(notification.to)",
                        "notification_id": "\(notification.id)", "timer": "\(fired.timer.kind)",
                    ])
                }
            }
            recordLag(of: batch)
            if batch.contains(where: { !$0.notifications.isEmpty }) { delivery.ring() }
            checkpoint.ring()
            // A backlog of timers (after a restart, a clock step, a manual advance) can take longer
            // than the watchdog allows: each committed batch is progress, so systemd hears of it.
            heartbeat?.beat()
        }
    }

    /// Each timer's fire lag, from its instant to now, its transaction
    /// committed: the scheduler's batches and the timers an ingest group fired.
    func recordLag(of fired: [FiredTimer]) {
        let committed = clock.preciseNow()
        for f in fired { metrics.timerFired(lag: committed - Double(f.timer.at.secondsSinceEpoch)) }
    }

    /// How many due timers one transaction fires. One each cost a commit per
    /// timer: on PostgreSQL (a WAL flush per commit, a fresh read of the
    /// timers' index head each time) a backlog of a million leads' deadlines
    /// drained at a few hundred per second and fire lag grew to seconds.
    /// Small enough that an event batch waiting behind a backlog waits for
    /// one short transaction, not the whole backlog.
    static let timersPerTransaction = 64

    /// Fires every timer due at or before the clock's now and returns when
    /// done: what the testing endpoint calls after advancing a manual clock, so
    /// a test knows the daemon has caught up.
    public func catchUp() async throws {
        try await fireDueNow()
        scheduler.ring()
    }

    /// Fires, under the timeline's lock, every timer due by the clock's now.
    private func fireDueNow() async throws {
        try await exclusive.run {
            try await self.fireDue(before: self.clock.now(), inclusive: true, engine: await self.engine)
        }
    }

    // MARK: Scheduler

    /// The scheduler loop, until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await self.fireDueNow()
                    let next = try await self.store.nextTimer()
                    self.metrics.nextTimer(next?.at)
                    failures = 0
                    self.heartbeat?.beat()
                    await self.scheduler.wait(until: next?.at, on: self.clock, atMost: self.heartbeat?.interval)
                } catch is CancellationError {
                    return
                } catch {
                    // A full disk or a locked database: nothing was committed; try again, backing off.
                    failures += 1
                    let pause = loopRestartPause(afterFailures: failures)
                    self.logger.error("scheduler: \(error); retrying in \(pause) s")
                    try? await Task.sleep(for: .seconds(pause))
                }
            }
        }
    }
}
