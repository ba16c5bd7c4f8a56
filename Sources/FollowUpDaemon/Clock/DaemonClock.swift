public import FollowUpCore

/// The daemon's one source of time. The core never reads a clock; the shell
/// reads it here, so tests can run the daemon on a virtual clock (libfaketime
/// is no substitute: `Task.sleep` never fires under it).
public protocol DaemonClock: Sendable {
    /// Now, to the second (what events and timers are stamped with).
    func now() -> Instant
    /// Now, in seconds since the epoch with a fraction (for lag measurements).
    func preciseNow() -> Double
    /// Sleeps until the clock reads `deadline` or later (may return early;
    /// callers re-check). Throws when the task is cancelled.
    func sleep(until deadline: Instant) async throws
}

extension DaemonClock {
    /// The longest a sleep lasts before the wall clock is read again: a wall
    /// clock stepped by NTP or a resumed suspend is noticed within this.
    static var maxSleep: Double { 30 }
}
