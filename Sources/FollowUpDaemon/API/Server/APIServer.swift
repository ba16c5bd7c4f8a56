public import FollowUpCore
import FollowUpNotify
public import FollowUpRules
public import Logging
import Hummingbird

/// followupd's HTTP API: one ``APIListener`` per `listen` address of the
/// config, all serving the same endpoints.
///
/// ```swift
/// let api = try APIServer(intake: timeline, queries: store, health: status,
///                         clock: clock.now, config: config, logger: logger)
/// let group = ServiceGroup(configuration: .init(services: [timeline, delivery] + api.listeners, …))
/// ```
///
/// Unix sockets rely on the socket file's mode (``FollowUpRules/DaemonConfig/socketMode``);
/// TCP listeners demand `Authorization: Bearer <token>` with a token of
/// ``FollowUpRules/DaemonConfig/tokenFile`` whose scope grants the route,
/// read here and again on every ``Daemon/reload()`` (followupd asks on SIGHUP).
public struct APIServer: Sendable {
    /// One service per listen address, in the config's order.
    public let listeners: [APIListener]
    /// The TCP listeners' tokens (nil without a TCP listener), reloaded on SIGHUP.
    let tokens: BearerTokens?
    /// What each of ``listeners`` answers with, in the same order: put into
    /// listeners already bound (a standby that became the leader) instead of
    /// running ``listeners``.
    let routers: [RouterResponder<BasicRequestContext>]

    /// Builds the listeners; nothing is bound until they run.
    ///
    /// - Parameters:
    ///   - intake: where `POST /v1/events` submits events.
    ///   - queries: what the read endpoints read.
    ///   - health: `/healthz`, `/v1/status` and `/metrics`.
    ///   - clock: the daemon's now: fills a missing `at`, and decides `overdue`.
    ///   - config: `listen`, `socketMode`, `tokenFile`, `maxBodyBytes`, `idleTimeout`, `maxConnections`,
    ///     and for the dashboard `dashboard` (targets) and `delivery.leadURL` (where rows link).
    ///   - logger: request failures and listener start-up.
    ///   - reports: what `/v1/report`, `/dashboard` and `/v1/reps/{id}/calendar.ics` read (404 without).
    ///   - outbox: what `/v1/outbox` lists, retries and drops (absent: those answer 404).
    ///   - deliveryBell: rung after a retry, so delivery picks the rows up at once.
    ///   - eraser: what `POST /v1/leads/{id}/erase` asks (absent: it answers 404).
    ///   - backups: what `POST /v1/backup` copies (absent: it answers 404).
    ///   - forwarding: on a standby (several nodes on PostgreSQL), what sends
    ///     every write to the leader; nil where this node answers everything itself.
    ///   - onListening: called once per listener when it accepts connections, with
    ///     the address actually bound (a TCP port of 0 becomes the chosen port);
    ///     the daemon can tell systemd it is ready once every listener reported.
    /// - Throws: ``APIStartupError`` naming the token file when a TCP listener
    ///   has none configured, or it is missing, unreadable, open to other users, malformed or empty.
    public init(intake: any EventIntake, queries: any LeadQueries, health: any DaemonHealth,
                clock: @escaping @Sendable () -> Instant, config: DaemonConfig, logger: Logger,
                testing: (any TestingClockControl)? = nil,
                rules: (any RulesControl)? = nil,
                reports: ReportSource? = nil,
                outbox: (any Outbox)? = nil,
                eraser: (any LeadEraser)? = nil, backups: (any DatabaseBackup)? = nil, deliveryBell: Wakeup? = nil,
                onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) throws(APIStartupError) {
        try self.init(intake: intake, queries: queries, health: health, clock: clock, config: config, logger: logger,
                      testing: testing, rules: rules, reports: reports, outbox: outbox, eraser: eraser, backups: backups,
                      deliveryBell: deliveryBell, forwarding: nil, onListening: onListening)
    }

    /// The same, for a standby: `forwarding` sends its writes to the leader.
    init(intake: any EventIntake, queries: any LeadQueries, health: any DaemonHealth,
         clock: @escaping @Sendable () -> Instant, config: DaemonConfig, logger: Logger,
         testing: (any TestingClockControl)? = nil,
         rules: (any RulesControl)? = nil,
         reports: ReportSource? = nil,
         outbox: (any Outbox)? = nil,
         eraser: (any LeadEraser)? = nil, backups: (any DatabaseBackup)? = nil, deliveryBell: Wakeup? = nil,
         forwarding: LeaderForwarding?,
         onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) throws(APIStartupError) {
        let endpoints = APIEndpoints(intake: intake, queries: queries, health: health, clock: clock,
                                     maxBodyBytes: config.maxBodyBytes, logger: logger, testing: testing,
                                     rules: rules, reports: reports, outbox: outbox, eraser: eraser, backups: backups,
                                     deliveryBell: deliveryBell, dashboardTargets: config.dashboard,
                                     leadLink: config.delivery.leadURL.map(LeadLink.init(template:)),
                                     sourceCosts: config.sourceCosts)
        var tokens: BearerTokens?
        if let tcp = config.listen.first(where: { if case .tcp = $0 { true } else { false } }) {
            guard let file = config.tokenFile else {
                throw APIStartupError(message: "\(config.file): listen \(tcp) needs token_file (TCP requires bearer tokens)")
            }
            tokens = try BearerTokens(file: file)
        }
        self.tokens = tokens
        // A request that came without a token (a Unix socket) is forwarded to a leader on TCP with one of ours.
        let forwarding = forwarding.map { $0.carrying(tokens) }
        let routers = config.listen.map { address in
            switch address {
            case .unix: APIRouter.make(endpoints: endpoints, source: "api", tokens: nil, forwarding: forwarding)
            case .tcp: APIRouter.make(endpoints: endpoints, source: "api:tcp", tokens: tokens, forwarding: forwarding)
            }
        }
        self.routers = routers.map { $0.buildResponder() }
        listeners = zip(config.listen, routers).map { address, router in
            APIListener(address: address, router: router, socketMode: config.socketMode,
                        limits: APIListener.Limits(idleTimeout: config.idleTimeout, maxConnections: config.maxConnections),
                        logger: logger, onListening: onListening)
        }
    }
}
