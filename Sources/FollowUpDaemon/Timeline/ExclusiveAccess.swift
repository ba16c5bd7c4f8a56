/// An async mutex: one body at a time, in arrival order. Actors are
/// re-entrant across `await`, and the timeline's order (fire due timers, then
/// apply the event) must not interleave with another batch or the scheduler.
actor ExclusiveAccess {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
