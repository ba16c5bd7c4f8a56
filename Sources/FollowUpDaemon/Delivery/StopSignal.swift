import Synchronization

/// Carries a shutdown into work that runs in a task of its own (which does
/// not inherit cancellation): set once by a cancellation handler, read by
/// the work between its steps.
final class StopSignal: Sendable {
    private let stopped = Mutex(false)

    func stop() { stopped.withLock { $0 = true } }
    var isStopped: Bool { stopped.withLock { $0 } }
}
