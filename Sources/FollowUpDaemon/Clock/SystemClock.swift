public import FollowUpCore
import Foundation

/// The real wall clock. Sleeps are measured on the monotonic clock but capped
/// (``DaemonClock/maxSleep``) so a wall-clock jump is noticed promptly.
public struct SystemClock: DaemonClock {
    public init() {}

    public func now() -> Instant {
        Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    public func preciseNow() -> Double { Date().timeIntervalSince1970 }

    public func sleep(until deadline: Instant) async throws {
        let seconds = min(Double(deadline.secondsSinceEpoch) - preciseNow(), Self.maxSleep)
        guard seconds > 0 else { return }
        try await Task.sleep(for: .seconds(seconds))
    }
}
