import Synchronization

/// A sign of life the scheduler gives while it works: systemd's watchdog
/// ping. The scheduler calls ``beat()`` after every round that worked and
/// wakes at least every ``interval`` to do so; while a round fires a backlog
/// of timers it beats after each one, so a long round (a day of timers after
/// a restart) is not taken for a stuck one. Nothing else beats: a scheduler
/// that stops firing stops the pings, however busy ingest is.
public struct Heartbeat: Sendable {
    /// The longest the scheduler goes without a beat while healthy.
    public let interval: Duration
    private let send: @Sendable () -> Void
    private let last: Pulse

    /// - Parameter beat: sends one ping (systemd's `WATCHDOG=1`).
    public init(interval: Duration, beat: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.send = beat
        self.last = Pulse()
    }

    /// Pings, at most every quarter ``interval``: a round firing thousands of
    /// timers beats after each, which must not be thousands of datagrams.
    public func beat() {
        if last.due(every: interval / 4) { send() }
    }
}

/// When the last ping went, shared by the copies of one ``Heartbeat``.
private final class Pulse: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    func due(every gap: Duration) -> Bool {
        let now = ContinuousClock.now
        return last.withLock { last in
            if let previous = last, now - previous < gap { return false }
            last = now
            return true
        }
    }
}
