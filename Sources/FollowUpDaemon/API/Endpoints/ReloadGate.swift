import Synchronization

/// Lets one `POST /v1/rules/reload` run at a time, and none within
/// ``cooldown`` of the last one's end: a reload reads every rule file and
/// re-plans every open lead, so a client looping on it could keep the daemon
/// busy. A refused request answers 429 with `Retry-After`.
///
/// Measured on the monotonic clock, not the daemon's (which a test can stop).
/// SIGHUP and `systemctl reload` are not gated: only root sends them.
final class ReloadGate: Sendable {
    /// How long after a reload ends the next one is refused.
    static let cooldown = Duration.seconds(1)

    private struct State {
        var running = false
        var lastEnd: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    /// Claims the gate; nil when the caller may reload (it must call ``leave()``
    /// after), else how long until it may.
    func enter() -> Duration? {
        let now = ContinuousClock.now
        return state.withLock { s in
            if s.running { return Self.cooldown }
            if let end = s.lastEnd, now < end + Self.cooldown { return end + Self.cooldown - now }
            s.running = true
            return nil
        }
    }

    /// Releases the gate; the cooldown starts now.
    func leave() {
        let now = ContinuousClock.now
        state.withLock { s in
            s.running = false
            s.lastEnd = now
        }
    }
}
