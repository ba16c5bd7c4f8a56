import FollowUpCore
import Synchronization

/// Since when a receiver has been failing (nil: its last attempt worked),
/// which decides when its notifications go to the fallback receiver.
/// Kept in memory: after a restart a receiver starts healthy and must fail
/// for `fallback.after` again before the fallback takes over.
final class ReceiverHealth: Sendable {
    private let since = Mutex<Instant?>(nil)

    var failingSince: Instant? { since.withLock { $0 } }

    func failed(at now: Instant) {
        since.withLock { if $0 == nil { $0 = now } }
    }

    func succeeded() {
        since.withLock { $0 = nil }
    }
}
