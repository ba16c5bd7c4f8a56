public import FollowUpCore
public import FollowUpSystemd
public import Logging
public import ServiceLifecycle

/// Keeps systemd informed: `STATUS=` with what the daemon holds (open leads,
/// the next timer, the last reload), refreshed every ``interval`` while it
/// changes, and `STOPPING=1` as soon as shutdown begins. `READY=1` is sent
/// by the daemon once its listeners are bound.
///
/// Put it last in the service group: graceful shutdown reaches services in
/// reverse order, so systemd hears `STOPPING=1` before anything stops.
public final class ServiceManagerReporter: Service {
    /// How often the status line is refreshed.
    public static let interval: Duration = .seconds(5)

    private let manager: ServiceManager
    private let queries: any LeadQueries
    private let health: DaemonStatus
    private let logger: Logger

    public init(manager: ServiceManager, queries: any LeadQueries, health: DaemonStatus, logger: Logger) {
        self.manager = manager
        self.queries = queries
        self.health = health
        self.logger = logger
    }

    public func run() async throws {
        guard manager.isActive else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            var last = ""
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                guard !Task.isCancelled else { break }
                let line = await self.statusLine()
                if line != last {
                    self.manager.status(line)
                    last = line
                }
            }
        }
        manager.stopping(status: "stopping: finishing deliveries, checkpointing the database")
    }

    /// `1,204 open leads; next timer 2026-11-24T16:00:00Z; rules 3f2a… (reload ok at …)`.
    func statusLine() async -> String {
        let snapshot = await health.snapshot()
        var parts: [String] = []
        if let s = try? await queries.statistics() {
            parts.append("\(s.openLeads) open leads")
            parts.append(s.nextTimerAt.map { "next timer \($0)" } ?? "no timer pending")
        }
        var rules = "rules \(snapshot.rulesVersion ?? "none")"
        if let reload = snapshot.lastReload {
            rules += reload.succeeded ? " (reloaded at \(reload.at))" : " (last reload FAILED at \(reload.at))"
        }
        parts.append(rules)
        return parts.joined(separator: "; ")
    }
}
