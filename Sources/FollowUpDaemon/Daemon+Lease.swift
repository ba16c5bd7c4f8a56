import FollowUpCore
import FollowUpPostgres
import FollowUpReports
import FollowUpRules
import FollowUpSystemd
import FollowUpWire
import Logging
import ServiceLifecycle

/// Several nodes on PostgreSQL (issue 14): a node listens from the start,
/// answers as a standby until it holds the lease, then as the leader, on the
/// same listeners.
extension Daemon {
    /// On PostgreSQL: binds the API and answers as a standby (reads from the
    /// database, writes forwarded to the leader) until this node holds the
    /// lease, then opens the store fenced by the lease's epoch and serves
    /// while it keeps the lease, behind the same listeners. Losing it ends
    /// the daemon with an error (its writes are fenced already); a graceful
    /// stop closes the store, then hands the lease over at once.
    func lead(on address: PostgresStoreConfiguration, clock: any DaemonClock,
              routes: NotificationRoutes, manager: ServiceManager) async throws {
        // The stores name this node as the lease does: the rules it records and puts in force say who.
        var configuration = address
        configuration.holder = LeaderLease.localHolder()
        let lease = try LeaderLease(configuration: configuration, holder: configuration.holder,
                                advertise: config.advertise?.advertised, logger: logger)
        let routing: @Sendable (LeadNotification, RouteFacts) -> [String] = { routes.receivers(of: $0, facts: $1) }
        let store = try PostgresLeadStore(configuration: configuration, routing: routing)
        // A standby's reads: a store that never writes (it holds no epoch) and sees the leader's commits.
        let reader = try PostgresLeadStore(configuration: configuration, routing: routing)
        do {
            // The schema (and its lease row) before waiting on the lease: a new database has neither.
            try await store.migrate()
            // What this node's files are, for status on every node (a standby's too).
            try await store.recordNodeFiles(rules.sources)
        } catch {
            try? await store.close()
            try? await reader.close()
            throw error
        }
        reader.openForReading()
        let leader = KnownLeader()
        let standby: APIServer
        do {
            standby = try standbyAPI(reader: reader, lease: lease, leader: leader, clock: clock)
        } catch {
            try? await store.close()
            try? await reader.close()
            throw error
        }
        // SIGHUP: checked and recorded while a standby, the leader's reload once this node leads.
        let (leaderReloads, toLeader) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let hangups = ReloadByRole(requests: reloads, leader: leader, leading: toLeader,
                                   check: StandbyRuleCheck(directory: config.rules, nodeFiles: reader, now: { clock.now() },
                                                           logger: logger),
                                   logger: logger)
        // The listeners outlive the standby: the leader answers behind them (no refused connection at the hand-over).
        let listeners = ServiceGroup(configuration: .init(services: standby.listeners.map { .init(service: $0) }, logger: logger))
        defer { Task { [reader] in try? await reader.close() } }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await listeners.run()
                return false
            }
            group.addTask {
                try await standThenLead(store: store, lease: lease, leader: leader, listeners: standby.listeners,
                                        clock: clock, manager: manager, reloads: leaderReloads)
                return true
            }
            group.addTask {
                try await hangups.run()
                return false
            }
            // The listeners end first on a graceful stop (the leader winds down behind them);
            // when this node's part ends, so do they. An error (a bind, a lost lease) ends both.
            while let roleEnded = try await group.next() {
                if roleEnded { group.cancelAll() }
            }
        }
    }

    /// Waits as a standby until this node holds the lease, then leads until it stops or loses the lease.
    private func standThenLead(store: PostgresLeadStore, lease: LeaderLease, leader: KnownLeader, listeners: [APIListener],
                               clock: any DaemonClock, manager: ServiceManager, reloads: AsyncStream<Void>) async throws {
        manager.ready(status: "standby: waiting for the lease")
        // A standby must keep systemd's watchdog fed while it waits, which may be for days.
        let standbyPings = manager.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    manager.watchdogPing()
                    try? await Task.sleep(for: interval / 2)
                }
            }
        }
        let term: LeaderLease.Term
        do {
            // SIGTERM to a standby ends the wait: it has nothing to hand over.
            term = try await cancelWhenGracefulShutdown { [logger] in
                try await lease.acquire { sighting in
                    leader.saw(sighting)
                    let holder = sighting.holder ?? "another node"
                    let whereTo = sighting.advertise.map { "writes go to \($0)" } ?? "it advertises no address: writes here are refused 503"
                    logger.notice("standby: \(holder) leads (\(whereTo)); taking over when its lease lapses or its process is gone")
                    manager.status("standby: \(holder) leads")
                }
            }
        } catch {
            standbyPings?.cancel()
            await lease.release()
            try? await store.close()
            if error is CancellationError {
                logger.info("stopped as a standby")
                return
            }
            throw error
        }
        standbyPings?.cancel()
        // From here until the leader is ready, a request is answered 503 + Retry-After, not forwarded to the old leader.
        for listener in listeners { listener.responder.pause("no leader yet: this node is taking over as the leader; retry") }
        // Writes still forwarded to the old leader end 503 now (their client retries here), not at their timeout.
        leader.tookTheLease()
        logger.notice("leading: took the lease at epoch \(term.epoch) as \(lease.holder)")
        // Renewing starts now, before the store opens: opening must not outlast the lease.
        let keeping = Task { try await lease.keep() }
        var failure: (any Error)?
        do {
            try await store.open(epoch: term.epoch)
            // Before the first write: the rules in force are the database's, not this node's files.
            let inForce = try await adoptRulesInForce(store, manager: manager)
            let opened = OpenedStore(store: store, eraser: { timeline in StoreLeadEraser(store: store, timeline: timeline) },
                                     backups: nil, retention: nil, standing: {
                // The machine's clock, not the daemon's (a test clock would make the offset meaningless).
                guard let view = try? await lease.observe(localNow: SystemClock().preciseNow()) else { return nil }
                return await NodeBody(role: view.leading ? "leader" : "fenced", name: lease.holder, leader: view.holder,
                                      epoch: view.epoch, leaseAgeSeconds: view.age, clockOffsetSeconds: view.clockOffset,
                                      rules: store)
            })
            try await serve(opened, rules: inForce, clock: clock, manager: manager, nodeFiles: store,
                            reloads: reloads, more: [LeaseKeeper(keeping: keeping, logger: logger)], bound: listeners)
        } catch {
            failure = error
        }
        // One wind-down for a stop, a loss and a failed start: renewing stops before the
        // lease's connection closes, the store closes, then the lease goes (handed over
        // if still ours; after a loss only its connection closes).
        for listener in listeners { listener.responder.pause("no leader yet: this node is stopping; retry") }
        keeping.cancel()
        _ = try? await keeping.value
        do { try await store.close() } catch { failure = failure ?? error }
        await lease.release()
        if let failure { throw failure }
        logger.info("stopped: the store closed and the lease handed over")
    }

    /// The standby's API on every `listen:` address: reads from `reader`,
    /// writes forwarded to the leader, `/v1/status` with role `standby`, and
    /// `/healthz` 503 (a load balancer that checks it sends work to the leader).
    private func standbyAPI(reader: PostgresLeadStore, lease: LeaderLease, leader: KnownLeader,
                            clock: any DaemonClock) throws(APIStartupError) -> APIServer {
        // Reports and the rules version by the rules the leader runs (the database's), not this node's files.
        let rules = StandbyRules(own: self.rules, store: reader, logger: logger)
        let status = DaemonStatus(queries: reader, outbox: reader, metrics: DaemonMetrics(), clock: clock,
                                  rulesVersion: self.rules.rules.version, standing: {
            guard let view = try? await lease.observe(localNow: SystemClock().preciseNow()) else { return nil }
            return await NodeBody(role: view.leading ? "leader" : "standby", name: lease.holder, leader: view.holder,
                                  epoch: view.epoch, leaseAgeSeconds: view.age, clockOffsetSeconds: view.clockOffset,
                                  rules: reader)
        }, rulesInForce: { await rules.current().version })
        var forwarding = LeaderForwarding(leader: leader, node: lease.holder, maxBodyBytes: config.maxBodyBytes, logger: logger)
        forwarding.ruleCheck = StandbyRuleCheck(directory: config.rules, nodeFiles: reader, now: { clock.now() }, logger: logger)
        return try APIServer(
            intake: StandbyIntake(), queries: reader, health: status, clock: { clock.now() }, config: config, logger: logger,
            reports: ReportSource(facts: reader, rules: { await rules.current() }), outbox: reader, forwarding: forwarding,
            onListening: { [logger] address in
                logger.info("listening on \(address) (standby: reads answered here, writes sent to the leader)")
            })
    }
}
