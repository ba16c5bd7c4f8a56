import FollowUpStore
import FollowUpSystemd
import Foundation
import Synchronization

/// Asks systemd for more start time while the database migrates, so a long
/// migration of a big file is not killed by `TimeoutStartSec=` (60 s) and
/// restarted into the same migration forever.
///
/// Each migration step sends `EXTEND_TIMEOUT_USEC=` (``grant``) with a status
/// line at once, and a thread of its own repeats it every ``interval`` while
/// a step runs: a single migration may take longer than one grant. The pings
/// stop at ``finish()``, so a start that hangs after the migrations still
/// times out. The thread is not a task: the migration blocks the async caller.
final class MigrationTimeExtension: Sendable {
    /// How much more time each message asks for.
    static let grant: Duration = .seconds(30)
    /// How often it is asked again during one long step (a third of the grant: two may be lost).
    static let interval: Duration = .seconds(10)

    private let manager: ServiceManager
    private let status = Mutex<String?>(nil)
    private let running = Atomic<Bool>(false)

    init(manager: ServiceManager) {
        self.manager = manager
    }

    /// A migration step is about to run: ask now, and keep asking until ``finish()``.
    func begin(_ step: MigrationStep) {
        let text = "migrating the database: \(step.identifier) (\(step.index) of \(step.count))"
        status.withLock { $0 = text }
        manager.extendTimeout(by: Self.grant, status: text)
        guard manager.isActive, !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Thread { [self] in repeatWhileRunning() }.start()
    }

    /// The migrations are over (or failed): stop asking.
    func finish() {
        running.store(false, ordering: .releasing)
    }

    private func repeatWhileRunning() {
        let tick = 0.25
        var waited = 0.0
        let every = Double(Self.interval.components.seconds)
        while running.load(ordering: .acquiring) {
            Thread.sleep(forTimeInterval: tick)
            waited += tick
            guard waited >= every, running.load(ordering: .acquiring) else { continue }
            waited = 0
            manager.extendTimeout(by: Self.grant, status: status.withLock { $0 })
        }
    }
}
