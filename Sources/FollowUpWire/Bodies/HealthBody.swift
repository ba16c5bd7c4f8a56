public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /healthz`: readiness, the daemon's now, the rules in
/// force, the last reload and how late timers fire (p99, null before any fired).
public struct HealthBody: WireBody {
    /// Members written inline, beside this body's own.
    public var readiness: ReadinessBody
    public var now: Instant
    public var rulesVersion: String?
    public var lastReload: LastReloadBody?
    public var fireLagP99Seconds: Double?

    public init(readiness: ReadinessBody, now: Instant, rulesVersion: String?, lastReload: LastReloadBody?,
                fireLagP99Seconds: Double?) {
        self.readiness = readiness
        self.now = now
        self.rulesVersion = rulesVersion
        self.lastReload = lastReload
        self.fireLagP99Seconds = fireLagP99Seconds
    }

    public func writeMembers(to w: inout JSONWriter) {
        readiness.writeMembers(to: &w)
        w.instant("now", now)
        w.stringOrNull("rules_version", rulesVersion)
        if let lastReload { lastReload.write(to: &w, key: "last_reload") } else { w.null("last_reload") }
        w.doubleOrNull("fire_lag_p99_seconds", fireLagP99Seconds)
    }

    public init(reading o: WireObject) throws(WireError) {
        readiness = try ReadinessBody(reading: o)
        now = try o.instant("now")
        rulesVersion = try o.nullableString("rules_version")
        lastReload = try o.nullableBody("last_reload")
        fireLagP99Seconds = try o.nullableDouble("fire_lag_p99_seconds")
    }
}
