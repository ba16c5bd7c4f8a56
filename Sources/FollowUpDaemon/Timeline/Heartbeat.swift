/// A sign of life the scheduler gives while it works: systemd's watchdog
/// ping. The scheduler calls ``beat`` after every round that worked and wakes
/// at least every ``interval`` to do so.
public struct Heartbeat: Sendable {
    /// The longest the scheduler goes without a beat while healthy.
    public let interval: Duration
    /// Called from the scheduler loop (and from long re-plans, between pages).
    public let beat: @Sendable () -> Void

    public init(interval: Duration, beat: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.beat = beat
    }
}
