public import FollowUpCore
import Synchronization

/// The running daemon's answers to `/healthz`, `/v1/status` and `/metrics`.
public final class DaemonStatus: DaemonHealth {
    private let queries: any LeadQueries
    /// The outbox, for per-receiver counts in `/metrics` (nil in API tests' in-memory daemon).
    private let outbox: (any Outbox)?
    private let metrics: DaemonMetrics
    private let clock: any DaemonClock
    private struct State {
        var ready = false
        var rulesVersion: String?
        var lastReload: ReloadResult?
    }
    private let state = Mutex(State())

    public init(queries: any LeadQueries, outbox: (any Outbox)? = nil, metrics: DaemonMetrics, clock: any DaemonClock,
                rulesVersion: String) {
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
        return HealthSnapshot(ready: s.ready, now: clock.now(), rulesVersion: s.rulesVersion, lastReload: s.lastReload,
                              fireLagP99Seconds: metrics.fireLagP99())
    }

    public func metricsText() async -> String {
        let s = state.withLock { $0 }
        let statistics = try? await queries.statistics()
        let byReceiver = try? await outbox?.countsByReceiver()
        return metrics.render(statistics: statistics, byReceiver: byReceiver ?? [:], rulesVersion: s.rulesVersion ?? "none",
                              lastReloadSucceeded: s.lastReload?.succeeded ?? true)
    }
}
