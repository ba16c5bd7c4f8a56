public import FollowUpCore

/// The answer to `GET /healthz`: readiness, the daemon's now, the rules in
/// force, the last reload and how late timers fire (p99, null before any fired).
public struct HealthBody: WireBody, Codable {
    /// Members written inline, beside this body's own.
    @Inline public var readiness: ReadinessBody
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
}
