public import FollowUpCore
import Synchronization

/// A virtual clock that moves only when told (``advance(to:)``): end-to-end
/// tests step the daemon through a scenario's instants exactly, with no race
/// between a posted event and a timer. Only built when the config enables testing.
public final class ManualClock: DaemonClock {
    private struct State {
        var now: Double
        var sleepers: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    public init(start: Instant) {
        state = Mutex(State(now: Double(start.secondsSinceEpoch)))
    }

    public func preciseNow() -> Double { state.withLock { $0.now } }

    public func now() -> Instant { Instant(secondsSinceEpoch: Int64(preciseNow().rounded(.down))) }

    /// Moves the clock forward (never back) and wakes every sleeper to re-check.
    public func advance(to instant: Instant) {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.now = max(s.now, Double(instant.secondsSinceEpoch))
            defer { s.sleepers = [:] }
            return Array(s.sleepers.values)
        }
        for c in woken { c.resume() }
    }

    /// Returns at the next advance (callers re-check the time), or on cancellation.
    public func sleep(until deadline: Instant) async throws {
        guard Double(deadline.secondsSinceEpoch) > preciseNow() else { return }
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let passed = state.withLock { s -> Bool in
                    if Task.isCancelled || Double(deadline.secondsSinceEpoch) <= s.now { return true }
                    s.sleepers[id] = c
                    return false
                }
                if passed { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { $0.sleepers.removeValue(forKey: id) }
            c?.resume()
        }
        try Task.checkCancellation()
    }
}
