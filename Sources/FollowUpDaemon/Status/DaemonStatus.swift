public import FollowUpCore
public import FollowUpWire
import Prometheus
import Synchronization

/// The running daemon's answers to `/healthz`, `/v1/status` and `/metrics`.
public final class DaemonStatus: DaemonHealth {
    private let queries: any LeadQueries
    /// The outbox, for per-receiver counts in `/metrics` (nil in API tests' in-memory daemon).
    private let outbox: (any Outbox)?
    private let metrics: DaemonMetrics
    private let clock: any DaemonClock
    /// Where this node's standing comes from (PostgreSQL: the lease); nil on SQLite.
    private let standing: (@Sendable () async -> NodeBody?)?
    /// Where the rules version comes from when another node decides it (a standby: the database's rules in force).
    private let rulesInForce: (@Sendable () async -> String)?
    private struct State {
        var ready = false
        var rulesVersion: String?
        var lastReload: ReloadResult?
    }
    private let state = Mutex(State())

    public init(queries: any LeadQueries, outbox: (any Outbox)? = nil, metrics: DaemonMetrics, clock: any DaemonClock,
                rulesVersion: String, standing: (@Sendable () async -> NodeBody?)? = nil,
                rulesInForce: (@Sendable () async -> String)? = nil) {
        self.standing = standing
        self.rulesInForce = rulesInForce
        self.queries = queries
        self.outbox = outbox
        self.metrics = metrics
        self.clock = clock
        state.withLock { $0.rulesVersion = rulesVersion }
    }

    /// Marks the daemon ready (every listener bound) or not (stopping, reloading).
    public func setReady(_ ready: Bool) { state.withLock { $0.ready = ready } }

    /// Records a rules (re)load.
    public func recordReload(_ result: ReloadResult, version: String?) {
        state.withLock {
            $0.lastReload = result
            if result.succeeded, let version { $0.rulesVersion = version }
        }
    }

    public func snapshot() async -> HealthSnapshot {
        let s = state.withLock { $0 }
        let version = await rulesInForce?() ?? s.rulesVersion
        return HealthSnapshot(ready: s.ready, now: clock.now(), rulesVersion: version, lastReload: s.lastReload,
                              fireLagP99Seconds: metrics.fireLagP99())
    }

    public func metricsText() async -> String {
        let s = state.withLock { $0 }
        let statistics = try? await queries.statistics()
        let byReceiver = try? await outbox?.countsByReceiver()
        let version = await rulesInForce?() ?? s.rulesVersion
        return metrics.render(statistics: statistics, byReceiver: byReceiver ?? [:], rulesVersion: version ?? "none",
                              lastReloadSucceeded: s.lastReload?.succeeded ?? true) + Self.nodeMetrics(await node())
    }

    public func node() async -> NodeBody? {
        await standing?()
    }

    /// The node's name, role and leader (`followupd_node_info`, always 1) and
    /// whether it leads (`followupd_leader`), rendered per scrape through a
    /// registry of their own: swift-prometheus escapes the label values, and
    /// a labelled series kept in the daemon's registry would outlive a role change.
    static func roleMetrics(_ node: NodeBody) -> String {
        let registry = PrometheusCollectorRegistry()
        var labels = [("name", node.name), ("role", node.role)]
        if let leader = node.leader { labels.append(("leader", leader)) }
        registry.makeGauge(descriptor: DaemonMetrics.named(
            "node_info", "This node: its name, its role (leader, standby or fenced) and the lease's holder (value always 1)."),
                           labels: labels).set(to: 1)
        registry.makeGauge(descriptor: DaemonMetrics.named(
            "leader", "1 while this node holds the lease, else 0: their sum over the nodes is 1."))
            .set(to: node.role == "leader" ? 1 : 0)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The node's gauges (PostgreSQL only): which role it has and who leads; alert on an epoch that moves often, a clock that drifts,
    /// or a node whose rule files differ from the rules in force (a takeover would not run them, a reload there would).
    /// The rule-files gauge is exported on one node too (always 0 there), so the shipped alert
    /// on it (contrib/prometheus) evaluates the same on every install.
    static func nodeMetrics(_ node: NodeBody?) -> String {
        var out = """
            # HELP followupd_nodes_with_other_rule_files Running nodes whose own rule files differ from the rules in force.
            # TYPE followupd_nodes_with_other_rule_files gauge
            followupd_nodes_with_other_rule_files \(node?.nodesWithOtherFiles.count ?? 0)

            """
        guard let node else { return out }
        out += Self.roleMetrics(node)
        out += """
            # HELP followupd_lease_epoch The leader lease's epoch this node writes with (it leads).
            # TYPE followupd_lease_epoch gauge
            followupd_lease_epoch \(node.epoch)

            """
        if let age = node.leaseAgeSeconds {
            out += """
                # HELP followupd_lease_age_seconds Seconds since the lease was last renewed, by the database's clock.
                # TYPE followupd_lease_age_seconds gauge
                followupd_lease_age_seconds \(age)

                """
        }
        if let offset = node.clockOffsetSeconds {
            out += """
                # HELP followupd_database_clock_offset_seconds The database's clock minus this node's.
                # TYPE followupd_database_clock_offset_seconds gauge
                followupd_database_clock_offset_seconds \(offset)

                """
        }
        return out
    }
}
