import FollowUpCore
import Synchronization

/// The daemon's now in tests: set by hand, read by the API and the daemon.
final class TestClock: Sendable {
    private let value: Mutex<Instant>

    init(_ start: Instant) { value = Mutex(start) }

    var now: Instant { value.withLock { $0 } }

    func set(_ instant: Instant) { value.withLock { $0 = instant } }
}
