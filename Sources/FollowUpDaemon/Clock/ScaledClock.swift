public import FollowUpCore
import Foundation

/// A virtual clock for end-to-end tests: it reads `start` when the daemon
/// starts and runs `rate` times faster than real time, so two days of a
/// scenario pass in seconds with business hours, holidays and DST intact.
/// Only honoured when the config's `testing.enabled` is true.
public struct ScaledClock: DaemonClock {
    public let start: Double
    public let rate: Double
    private let origin: ContinuousClock.Instant

    public init(start: Instant, rate: Double) {
        self.start = Double(start.secondsSinceEpoch)
        self.rate = rate
        self.origin = ContinuousClock.now
    }

    public func preciseNow() -> Double {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start + seconds * rate
    }

    public func now() -> Instant {
        Instant(secondsSinceEpoch: Int64(preciseNow().rounded(.down)))
    }

    public func sleep(until deadline: Instant) async throws {
        let virtual = Double(deadline.secondsSinceEpoch) - preciseNow()
        guard virtual > 0 else { return }
        try await Task.sleep(for: .seconds(min(virtual / rate, Self.maxSleep)))
    }
}
