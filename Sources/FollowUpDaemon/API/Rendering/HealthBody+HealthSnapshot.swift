import FollowUpCore
import FollowUpWire

extension ReadinessBody {
    /// `"status":"ok"` and ready, or `"unavailable"` and not.
    init(ready: Bool) {
        self.init(status: ready ? "ok" : "unavailable", ready: ready)
    }
}

extension HealthBody {
    /// The health snapshot as `GET /healthz` and `GET /v1/status` show it.
    init(_ snapshot: HealthSnapshot) {
        self.init(readiness: ReadinessBody(ready: snapshot.ready), now: snapshot.now, rulesVersion: snapshot.rulesVersion,
                  lastReload: snapshot.lastReload.map { LastReloadBody(at: $0.at, ok: $0.succeeded, message: $0.message) },
                  fireLagP99Seconds: snapshot.fireLagP99Seconds)
    }
}

extension StoreStatisticsBody {
    /// The store's counts, every lead status and outbox state listed (zero included).
    init(_ statistics: StoreStatistics) {
        self.init(events: statistics.events,
                  leads: Dictionary(uniqueKeysWithValues: LeadStatus.allCases.map { ($0, statistics.leadsByStatus[$0] ?? 0) }),
                  openLeads: statistics.openLeads, pendingTimers: statistics.pendingTimers,
                  nextTimerAt: statistics.nextTimerAt,
                  outbox: Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0, statistics.outboxByState[$0] ?? 0) }))
    }
}
