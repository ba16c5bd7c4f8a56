public import FollowUpCore
import Synchronization

/// A doorbell: one side rings when something changed (an event arrived, a
/// notification was minted), the other sleeps until a deadline or a ring,
/// whichever comes first. A ring while nobody waits is remembered (one is
/// enough). One sleeper at a time.
///
/// Not an `AsyncStream`: cancelling a task blocked in a stream's `next()`
/// finishes the stream for good, which would turn every later wait into a spin.
public final class Wakeup: Sendable {
    private struct State {
        var rung = false
        var cancelled = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the sleeper (or the next one to sleep).
    public func ring() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter else {
                s.rung = true
                return nil
            }
            s.waiter = nil
            return w
        }
        waiter?.resume()
    }

    /// Sleeps until `deadline` on `clock` (an hour at most when nil) or a ring,
    /// and never longer than `atMost` of real time (whatever the clock).
    /// Returns early on cancellation; callers check `Task.isCancelled`.
    /// - Returns: whether a ring ended the sleep.
    @discardableResult
    public func wait(until deadline: Instant?, on clock: any DaemonClock, atMost: Duration? = nil) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.waitForRing()
                return !Task.isCancelled
            }
            if let atMost {
                group.addTask {
                    try? await Task.sleep(for: atMost)
                    return false
                }
            }
            group.addTask {
                if let deadline {
                    try? await clock.sleep(until: deadline)
                } else {
                    try? await Task.sleep(for: .seconds(3_600))
                }
                return false
            }
            let rung = await group.next() ?? false
            group.cancelAll()
            return rung
        }
    }

    private func waitForRing() async {
        state.withLock { $0.cancelled = false }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.rung || s.cancelled {
                        s.rung = false
                        return true
                    }
                    s.waiter = c
                    return false
                }
                if now { c.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.cancelled = true
                let w = s.waiter
                s.waiter = nil
                return w
            }
            waiter?.resume()
        }
    }
}
