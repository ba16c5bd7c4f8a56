public import FollowUpCore
public import FollowUpWire

/// What the API asks the running daemon about itself: whether it is ready,
/// which rules it runs, and its Prometheus metrics. The daemon's composition
/// implements it; the API only renders what it says.
public protocol DaemonHealth: Sendable {
    /// The daemon's state right now, for `/healthz` and `/v1/status`.
    func snapshot() async -> HealthSnapshot
    /// `/metrics` in the Prometheus text exposition format (version 0.0.4).
    func metricsText() async -> String
    /// This node among several on PostgreSQL (`node` in `/v1/status`); nil on SQLite.
    func node() async -> NodeBody?
}

extension DaemonHealth {
    public func node() async -> NodeBody? { nil }
}

/// The daemon's health at one instant. Deliberately small: what a probe or
/// an admin running `followupctl status` needs to decide whether to act.
public struct HealthSnapshot: Sendable, Hashable {
    /// Whether the daemon applies events and fires timers (false while starting, reloading or stopping).
    public var ready: Bool
    /// The daemon's now (its injectable clock, not the machine's).
    public var now: Instant
    /// The running rule set's version (its fingerprint, as `check-rules` prints it), nil before the first load.
    public var rulesVersion: String?
    /// How the last reload went, nil when none was tried since start.
    public var lastReload: ReloadResult?
    /// The 99th percentile of how late timers fired, in seconds, nil before any fired.
    public var fireLagP99Seconds: Double?
}

/// The outcome of one rules reload.
public struct ReloadResult: Sendable, Hashable {
    /// When it was tried (daemon time).
    public var at: Instant
    /// Whether the new rules replaced the old ones.
    public var succeeded: Bool
    /// A summary on success; the problems (`FILE:LINE:COL: …`) on failure.
    public var message: String
}
