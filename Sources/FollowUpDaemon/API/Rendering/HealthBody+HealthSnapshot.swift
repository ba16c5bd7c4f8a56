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

