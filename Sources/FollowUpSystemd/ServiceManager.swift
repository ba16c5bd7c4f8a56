import CSystemd
import Foundation

/// Talks to systemd as a `Type=notify` service: readiness, reloads, shutdown,
/// status text and watchdog pings, through libsystemd's `sd_notify`.
///
/// Outside systemd (no `NOTIFY_SOCKET` in the environment) every call does
/// nothing, so the daemon runs the same from a shell, a test or a unit.
///
/// ```swift
/// let manager = ServiceManager()
/// manager.ready(status: "12 open leads; next timer 14:05")
/// manager.reloading()   // RELOADING=1 + MONOTONIC_USEC
/// manager.ready(status: "rules reloaded")
/// manager.stopping()
/// ```
public struct ServiceManager: Sendable {
    /// Whether a service manager listens (`NOTIFY_SOCKET` is set).
    public let isActive: Bool
    /// How often to ping the watchdog: half of `WATCHDOG_USEC`, nil when the
    /// unit has no `WatchdogSec=` (or it is meant for another process).
    public let watchdogInterval: Duration?

    /// Reads the environment systemd gave this process.
    public init() {
        isActive = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"].map { !$0.isEmpty } ?? false
        var usec: UInt64 = 0
        // > 0: enabled for this process (it also checks WATCHDOG_PID against our pid).
        if sd_watchdog_enabled(0, &usec) > 0, usec > 0 {
            watchdogInterval = .microseconds(Int64(usec / 2))
        } else {
            watchdogInterval = nil
        }
    }

    /// `READY=1`: start-up (or a reload) finished; with a status line.
    public func ready(status: String? = nil) {
        send(["READY=1"] + Self.statusField(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC`, as systemd ≥ 253's `Type=notify-reload`
    /// expects and older systemd accepts; follow it with ``ready(status:)``.
    public func reloading(status: String? = nil) {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"] + Self.statusField(status))
    }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping(status: String? = nil) {
        send(["STOPPING=1"] + Self.statusField(status))
    }

    /// `STATUS=…`: what the daemon is doing, for `systemctl status`.
    public func status(_ text: String) {
        send(Self.statusField(text))
    }

    /// `EXTEND_TIMEOUT_USEC=`: the current phase (start, here) is making
    /// progress; systemd waits `grant` more from now before its timeout
    /// (never less than the unit's own `TimeoutStartSec=`).
    public func extendTimeout(by grant: Duration, status: String? = nil) {
        send(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(grant))"] + Self.statusField(status))
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000 + UInt64(max(0, attoseconds)) / 1_000_000_000_000
    }

    /// `WATCHDOG=1`: the loop that must keep running is alive.
    public func watchdogPing() {
        guard watchdogInterval != nil else { return }
        send(["WATCHDOG=1"])
    }

    /// One datagram of newline-separated assignments.
    private func send(_ fields: [String]) {
        guard isActive, !fields.isEmpty else { return }
        _ = sd_notify(0, fields.joined(separator: "\n"))
    }

    /// `STATUS=` with newlines collapsed: a newline would start a bogus field.
    static func statusField(_ text: String?) -> [String] {
        guard let text else { return [] }
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: "; ")
        return ["STATUS=" + flat]
    }

    /// CLOCK_MONOTONIC in microseconds, as systemd reads it.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
