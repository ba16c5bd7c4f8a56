import FollowUpCore
public import FollowUpRules
import FollowUpNotify
import FollowUpStore
import FollowUpPostgres
import FollowUpWire
public import Logging
import FollowUpReports
import FollowUpSystemd
public import ServiceLifecycle

/// followupd put together as one `Service`: the store, the timeline (ingest
/// and scheduler), delivery, the API listeners, rules reload and systemd's
/// notifications. The process that runs it owns the signals: it puts the
/// daemon in a `ServiceGroup` whose graceful shutdown (SIGTERM, SIGINT in
/// followupd) stops it in order — listeners stop taking events first,
/// in-flight deliveries finish, the write-ahead log is checkpointed and the
/// database closed before ``run()`` returns — and it calls ``reload()``
/// (on SIGHUP in followupd).
public struct Daemon: Service {
    public let config: DaemonConfig
    public let rules: LoadedRules
    public let logger: Logger
    /// Reload requests, kept to the newest one: asks during a reload make exactly one more.
    let reloads: AsyncStream<Void>
    private let reloadRequests: AsyncStream<Void>.Continuation

    public init(config: DaemonConfig, rules: LoadedRules, logger: Logger) {
        self.config = config
        self.rules = rules
        self.logger = logger
        (reloads, reloadRequests) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the running daemon to read its rules directory and token file
    /// again. Returns at once; the reload runs in ``run()``, after any reload
    /// in progress. An ask before the daemon is up waits for it.
    public func reload() {
        reloadRequests.yield()
    }

    /// The clock: the system's, or the test clock the config enables.
    func makeClock() -> any DaemonClock {
        guard let testing = config.testing, testing.enabled else { return SystemClock() }
        let start = testing.clockStart ?? SystemClock().now()
        if testing.manualClock { return ManualClock(start: start) }
        return ScaledClock(start: start, rate: testing.clockRate)
    }

    /// Runs until the group it runs in shuts down gracefully (or its task is
    /// cancelled), then closes the database. Runs once: a second run has no
    /// reload requests to read.
    public func run() async throws {
        let clock = makeClock()
        if config.testing?.enabled == true {
            logger.warning("testing mode: the daemon runs on a \(clock is ManualClock ? "manual" : "scaled") clock starting \(clock.now())")
        }
        let routes = ReceiverSet.routes(config)
        let manager = ServiceManager()
        switch try config.location() {
        case .sqlite(let path):
            // One daemon per database, taken before the database is opened: two
            // would fire every timer and send every notification twice.
            let lock = try StoreLock(database: path)
            let migrationTime = MigrationTimeExtension(manager: manager)
            defer { migrationTime.finish() }
            let store = try SQLiteLeadStore(path: path, durability: config.durability == .full ? .full : .normal,
                                            backgroundCheckpoints: true, migrating: migrationTime.begin,
                                            routing: { routes.receivers(of: $0, facts: $1) })
            migrationTime.finish()
            let opened = OpenedStore(store: store, eraser: { timeline in StoreLeadEraser(store: store, timeline: timeline) },
                                     backups: StoreDatabaseBackup(store: store),
                                     retention: RetentionService.making(store: store, period: config.retention, logger: logger))
            try await serve(opened, rules: rules, clock: clock, manager: manager)
            do {
                try await store.close()
                logger.info("stopped: write-ahead log checkpointed, database closed")
            } catch {
                logger.error("stopped, but the final checkpoint failed: \(error) (the next start recovers from the log)")
            }
            lock.release()
        case .postgres(let address):
            try await lead(on: PostgresStoreConfiguration(address), clock: clock, routes: routes, manager: manager)
        }
    }

    /// Runs the daemon over an open store until the group shuts down: the
    /// timeline, delivery, the API, reloads and systemd's notifications. The
    /// same for every store; what only some stores can do (erase, backup,
    /// retention) comes with ``OpenedStore``.
    /// - Parameters:
    ///   - rules: the rules to run: this node's files, or on PostgreSQL the rules in force the database keeps.
    ///   - nodeFiles: where nodes sharing the database record their own files (PostgreSQL only).
    ///   - reloads: the reload requests to serve (PostgreSQL: those that reach the leader); nil, every ``reload()``.
    ///   - bound: listeners already bound (a standby that became the
    ///     leader): they answer with this node's routers once it is ready, and 503 while it stops,
    ///     instead of new listeners binding.
    func serve(_ opened: OpenedStore, rules: LoadedRules, clock: any DaemonClock, manager: ServiceManager,
               nodeFiles: (any NodeRuleFiles)? = nil, reloads: AsyncStream<Void>? = nil, more: [any Service] = [],
               bound: [APIListener]? = nil) async throws {
        let store = opened.store
        try await store.seedRoster(rules.rules.roster)
        // Before ingest: a file from before v16 (or written by a tool since) is filled here, not by the first report.
        try await store.keepReportContributions(under: rules.rules)
        let metrics = DaemonMetrics()
        let deliveryBell = Wakeup()
        let checkpointBell = Wakeup()
        // The watchdog is pinged from the scheduler loop itself: a stuck scheduler stops the pings.
        let heartbeat = manager.watchdogInterval.map { Heartbeat(interval: $0, beat: manager.watchdogPing) }
        if let interval = manager.watchdogInterval { logger.info("systemd watchdog: pinging every \(interval)") }
        let timeline = try await Timeline(store: store, engine: Engine(rules: rules.rules), clock: clock,
                                          delivery: deliveryBell, checkpoint: checkpointBell, metrics: metrics, logger: logger,
                                          heartbeat: heartbeat)
        let notifiers = try ReceiverSet.make(config, contexts: StoreMessageContext(queries: store, rules: { await timeline.rules }))
        let delivery = DeliveryWorker(outbox: store, notifiers: notifiers,
                                      inFlight: Dictionary(config.receivers.map { ($0.name, $0.inFlight) }, uniquingKeysWith: { a, _ in a }),
                                      policy: config.delivery.policy, clock: clock, wakeup: deliveryBell,
                                      metrics: metrics, logger: logger)
        let status = DaemonStatus(queries: store, outbox: store, metrics: metrics, clock: clock, rulesVersion: rules.rules.version,
                                  standing: opened.standing)
        let reporter = ServiceManagerReporter(manager: manager, queries: store, health: status, logger: logger)
        let reloader = RulesReloader(directory: config.rules, timeline: timeline,
                                     status: status, manager: manager, clock: clock, logger: logger, nodeFiles: nodeFiles)
        let listening = ListenerCount(expected: config.listen.count)
        let manual = clock as? ManualClock
        let place = (try? config.location().description) ?? config.database
        let becameReady: @Sendable () async -> Void = { [logger, rules] in
            status.setReady(true)
            logger.info("ready: rules \(rules.rules.version), database \(place)")
            manager.ready(status: await reporter.statusLine())
        }
        let api = try APIServer(
            intake: timeline, queries: store, health: status, clock: { clock.now() }, config: config, logger: logger,
            testing: manual.map { ManualClockControl(clock: $0, timeline: timeline) },
            rules: reloader,
            reports: ReportSource(facts: store, rules: { await timeline.rules }),
            outbox: store,
            eraser: opened.eraser?(timeline),
            backups: opened.backups,
            deliveryBell: deliveryBell,
            onListening: { [logger] address in
                logger.info("listening on \(address)")
                if await listening.arrived() { await becameReady() }
            })
        let checkpoints = CheckpointService(store: store, bell: checkpointBell, logger: logger)
        // Graceful shutdown runs in reverse: systemd hears STOPPING=1 first, then the listeners
        // stop taking events, then reloads, checkpoints, deliveries (in flight ones finish) and the scheduler.
        let reloading = ReloadOnRequest(requests: reloads ?? self.reloads, reloader: reloader, tokens: api.tokens, logger: logger)
        let retention = opened.retention.map { $0(clock, checkpointBell) }
        let answering: [any Service] = bound.map { [RouterHandOver(listeners: $0, routers: api.routers, ready: becameReady)] }
            ?? api.listeners
        let services: [any Service] = more + [timeline, delivery, checkpoints, reloading] + (retention.map { [$0] } ?? [])
            + answering + [reporter]
        // No signals here: the enclosing group's graceful shutdown reaches this one.
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: logger))
        try await group.run()
        status.setReady(false)
    }
}

/// Counts listeners as they bind, to say "ready" once all have.
actor ListenerCount {
    private let expected: Int
    private var seen = 0

    init(expected: Int) { self.expected = expected }

    /// Returns true exactly once: when the last listener arrived.
    func arrived() -> Bool {
        seen += 1
        return seen == expected
    }
}

/// The testing endpoint's power over a manual clock: move it, then wait until
/// the timeline fired everything that came due.
struct ManualClockControl: TestingClockControl {
    let clock: ManualClock
    let timeline: Timeline

    func advance(to instant: Instant) async throws {
        clock.advance(to: instant)
        try await timeline.catchUp()
    }
}
