import FollowUpPostgres
import Synchronization

/// The leader as this standby last saw it in the lease row (its name and
/// where its API is), kept up to date by the standby's wait for the lease;
/// and the writes this standby is forwarding to it, which end when this
/// node takes the lease itself (``tookTheLease()``).
final class KnownLeader: Sendable {
    private struct State {
        var sighting: LeaderSighting?
        var tookOver = false
        var next = 0
        /// How to end each forward in flight, by its number.
        var forwards: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Records what the lease row says now.
    func saw(_ leader: LeaderSighting) { state.withLock { $0.sighting = leader } }

    /// The last sighting; nil before the first look at the lease.
    var current: LeaderSighting? { state.withLock { $0.sighting } }

    /// Whether this node took the lease: forwards to the old leader are over.
    var tookOver: Bool { state.withLock { $0.tookOver } }

    /// This node holds the lease now: every write still waiting on the old
    /// leader (paused, perhaps, which is why the lease moved) is ended, so its
    /// client hears 503 and retries here instead of waiting out the timeout.
    func tookTheLease() {
        let ending = state.withLock { state in
            state.tookOver = true
            defer { state.forwards = [:] }
            return Array(state.forwards.values)
        }
        for end in ending { end() }
    }

    /// Runs `forward`, cancelled if this node takes the lease meanwhile (at
    /// once if it already did).
    func forwarding<T: Sendable>(_ forward: @escaping @Sendable () async throws -> T) async throws -> T {
        let call = Task { try await forward() }
        let number: Int? = state.withLock { state in
            guard !state.tookOver else { return nil }
            state.next += 1
            state.forwards[state.next] = { call.cancel() }
            return state.next
        }
        if number == nil { call.cancel() }
        defer { if let number { _ = state.withLock { $0.forwards.removeValue(forKey: number) } } }
        return try await withTaskCancellationHandler { try await call.value } onCancel: { call.cancel() }
    }
}
