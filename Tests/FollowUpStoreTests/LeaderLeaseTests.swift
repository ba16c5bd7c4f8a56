import Foundation
import Logging
import Testing
import FollowUpPostgres
import FollowUpTestSupport

/// When a standby may take the lease at once: its holder's lease session is
/// gone because the holder died (FailoverTests' kill -9: the next leader
/// within 2 s), not because PostgreSQL restarted and closed every session.
/// Two `LeaderLease`s on one real PostgreSQL; the holder neither renews nor
/// releases until the end, so only the rule decides.
@Suite(.serialized) struct LeaderLeaseTests {
    static let logger = Logger(label: "lease-test")

    /// A lease named `holder` on the database `url`.
    static func lease(_ holder: String, _ url: String) throws -> LeaderLease {
        try LeaderLease(configuration: PostgresStoreConfiguration(url: url), holder: holder, logger: logger)
    }

    /// The schema (and its `lease` row) on the database `url`.
    static func schema(_ url: String) async throws {
        let store = try PostgresLeadStore(url: url, routing: { _, _ in [] })
        try await store.migrate()
        try await store.close()
    }

    /// Seconds `lease` waits to take the lease, at most `limit`: generous,
    /// because in the whole suite blocking tests can hold the cooperative
    /// pool's two threads for a long while (a 15 s limit ran out there).
    static func secondsToAcquire(_ lease: LeaderLease, limit: Duration = .seconds(120)) async throws -> Double {
        let began = ContinuousClock.now
        let term = try await withThrowingTaskGroup(of: LeaderLease.Term?.self) { group in
            group.addTask { try await lease.acquire() }
            group.addTask { try await Task.sleep(for: limit); return nil }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        #expect(term != nil, "not acquired within \(limit)")
        let elapsed = ContinuousClock.now - began
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// PostgreSQL restarted after the holder last renewed: every session is
    /// gone, the living holder's too, so the standby waits for the lease to
    /// expire (the holder may reconnect and renew meanwhile) rather than
    /// take it from whoever reconnected first.
    @Test func aRestartOfPostgreSQLIsNoReasonToTakeOverAtOnce() async throws {
        let cluster = try await PostgresCluster.own()
        defer { cluster.remove() }
        let (_, url) = try cluster.makeDatabase()
        try await Self.schema(url)
        let a = try Self.lease("node-a", url)
        _ = try await a.acquire()
        let acquired = ContinuousClock.now
        try cluster.stop()
        try cluster.start()
        let restart = ContinuousClock.now - acquired
        let b = try Self.lease("node-b", url)
        let waited = try await Self.secondsToAcquire(b)
        // Connections are closed before the leases go (PostgresNIO insists). node-a's was
        // closed by the restart: releasing it hung until release() reconnected.
        await a.release()
        await b.release()
        // The lease lasts 5 s from node-a's acquire; node-b may take it only once that passed.
        let expiry = 5 - (Double(restart.components.seconds) + Double(restart.components.attoseconds) / 1e18)
        #expect(waited > expiry - 0.5, "node-b took the lease \(waited) s after the restart; it expired \(expiry) s after")
    }

    /// A leader paused inside a write transaction, between its fencing check
    /// (`FOR SHARE` on the lease row) and its COMMIT, as a SIGSTOP can catch it
    /// (a full-suite run did: FailoverTests waited 20 s for a new leader). The
    /// server ends such a session after `idle_in_transaction_session_timeout`
    /// (the lease's 5 s), so a standby takes over about when the lease expires,
    /// not when the pause ends. The bound is loose (the pause lasts 40 s) so a
    /// loaded machine cannot fail it; without the timeout the standby waits 40 s.
    @Test func aLeaderPausedInsideATransactionDoesNotHoldTheLeaseRowPastTheLease() async throws {
        let cluster = try await PostgresCluster.own()
        defer { cluster.remove() }
        let (_, url) = try cluster.makeDatabase()
        try await Self.schema(url)
        let a = try Self.lease("node-a", url)
        let term = try await a.acquire()
        let store = try PostgresLeadStore(configuration: PostgresStoreConfiguration(url: url), epoch: term.epoch,
                                          routing: { _, _ in [] })
        try await store.open()
        let paused = Task { try await store.pauseAfterFencing(seconds: 40) }
        let b = try Self.lease("node-b", url)
        let waited = try await Self.secondsToAcquire(b)
        #expect(waited < 30, "node-b took the lease \(waited) s after node-a's transaction paused")
        // The paused transaction's session was ended by the server: its COMMIT fails, nothing of it stays.
        await #expect(throws: (any Error).self) { try await paused.value }
        try await store.close()
        await a.release()
        await b.release()
    }
}
