import FollowUpCore
import FollowUpFormats
import FollowUpWire

extension HealthSnapshot {
    /// `"status":"ok"|"unavailable"`, then the snapshot's members, into an open object.
    func writeAPIMembers(to w: inout JSONWriter) {
        w.string("status", ready ? "ok" : "unavailable")
        w.bool("ready", ready)
        w.instant("now", now)
        w.stringOrNull("rules_version", rulesVersion)
        if let lastReload {
            w.beginObject("last_reload")
            w.instant("at", lastReload.at)
            w.bool("ok", lastReload.succeeded)
            w.string("message", lastReload.message)
            w.endObject()
        } else {
            w.null("last_reload")
        }
        w.doubleOrNull("fire_lag_p99_seconds", fireLagP99Seconds)
    }
}

extension StoreStatistics {
    /// Counts by lead status and outbox state, every status and state listed (zero included).
    func writeAPIJSON(to w: inout JSONWriter, key: String) {
        w.beginObject(key)
        w.int64("events", events)
        w.beginObject("leads")
        for status in LeadStatus.allCases { w.int(status.rawValue, leadsByStatus[status] ?? 0) }
        w.endObject()
        w.int("open_leads", openLeads)
        w.int("pending_timers", pendingTimers)
        w.instantOrNull("next_timer_at", nextTimerAt)
        w.beginObject("outbox")
        for state in OutboxState.allCases { w.int(state.rawValue, outboxByState[state] ?? 0) }
        w.endObject()
        w.endObject()
    }
}
