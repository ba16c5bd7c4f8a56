import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// Delivery state: pending → delivered, or failed attempts → retry → dead;
/// the SQLite store and the PostgreSQL one alike (``StorePlace``).
@Suite struct OutboxTests {
    let rules = DefaultRules.make()

    /// Three captures a minute apart (two outbox rows each), no timers fired.
    func makeStore(_ placed: PlacedStore) async throws -> any InspectedStore {
        let store = try await placed.open()
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:01:00Z", "L2", owner: "alice"),
            capture("2026-11-24T20:02:00Z", "L3", owner: "alice"),
        ])
        return store
    }

    func key(_ lead: String, _ receiver: String) -> OutboxKey {
        OutboxKey(id: "\(lead):lead.assigned:1:1", receiver: receiver)
    }

    /// A notification queued again for a receiver that already has its row
    /// keeps the row and is counted (`followupd_notifications_minted_again`,
    /// issue 14): ids are deterministic and writes fenced, so the count stays
    /// 0 unless a timer fired twice or two leaders wrote. It is kept in the
    /// store, so a restart (or another node) reads the same count.
    @Test(arguments: StorePlace.allCases)
    func aNotificationQueuedAgainKeepsItsRowAndIsCounted(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        #expect(try await store.statistics().notificationsMintedAgain == 0)
        let first = try #require(try await store.lead("L1")?.notifications.first)
        try await store.markDelivered([first.key], at: at("2026-11-24T20:03:00Z"))
        try await store.write { transaction in
            try transaction.queue([first.notification], createdAt: at("2026-11-24T20:04:00Z"))
        }
        let statistics = try await store.statistics()
        #expect(statistics.notificationsMintedAgain == 2, "one row per receiver (webhook, log) was already there")
        #expect(statistics.outboxByState == [.pending: 5, .delivered: 1])
        let kept = try #require(try await store.lead("L1")?.notifications.first { $0.key == first.key })
        #expect(kept.state == .delivered, "the row queued again replaced the delivered one")
        #expect(try await placed.open().statistics().notificationsMintedAgain == 2)
    }

    @Test(arguments: StorePlace.allCases)
    func duePendingIsOldestFirstAndOnlyWhatIsDue(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let due = try await store.duePending(at: at("2026-11-24T20:01:00Z"), limit: 10)
        #expect(due.map(\.key) == [key("L1", "webhook"), key("L1", "log"), key("L2", "webhook"), key("L2", "log")])
        #expect(try await store.duePending(at: at("2026-11-24T20:05:00Z"), limit: 3).count == 3)
        #expect(try await store.duePending(at: at("2026-11-24T19:59:59Z"), limit: 10).isEmpty)
        #expect(try await store.nextAttemptAt() == at("2026-11-24T20:00:00Z"))
    }

    @Test(arguments: StorePlace.allCases)
    func deliveredRowsLeaveThePendingQueue(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let now = at("2026-11-24T20:03:00Z")
        try await store.markDelivered([key("L1", "webhook"), key("L1", "log"), key("L2", "log")], at: now)
        try await store.markDelivered([key("L1", "webhook")], at: now + .minutes(1))  // again: no change
        let pending = try await store.duePending(at: now, limit: 10)
        #expect(pending.map(\.key) == [key("L2", "webhook"), key("L3", "webhook"), key("L3", "log")])
        let l1 = try #require(try await store.lead("L1")).notifications
        #expect(l1.allSatisfy { $0.state == .delivered && $0.deliveredAt == now && $0.attempts == 1 })
        #expect(try await store.nextAttemptAt() == at("2026-11-24T20:01:00Z"))
        #expect(try await store.statistics().outboxByState == [.pending: 3, .delivered: 3])
    }

    @Test(arguments: StorePlace.allCases)
    func failuresRetryThenDie(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let k = key("L1", "webhook")
        let now = at("2026-11-24T20:03:00Z")
        try await store.markFailed(k, error: "HTTP 503", retryAt: now + .minutes(2), at: now)
        var entry = try #require(try await store.lead("L1")?.notifications.first { $0.key == k })
        #expect(entry.state == .pending)
        #expect(entry.attempts == 1)
        #expect(entry.lastError == "HTTP 503")
        #expect(entry.nextAttemptAt == now + .minutes(2))
        #expect(!(try await store.duePending(at: now, limit: 10)).map(\.key).contains(k))
        // Retried rows come after rows waiting since earlier.
        #expect(try await store.duePending(at: now + .minutes(2), limit: 10).last?.key == k)

        try await store.markFailed(k, error: "connection refused", retryAt: nil, at: now + .minutes(2))
        entry = try #require(try await store.lead("L1")?.notifications.first { $0.key == k })
        #expect(entry.state == .dead)
        #expect(entry.attempts == 2)
        #expect(entry.lastError == "connection refused")
        #expect(!(try await store.duePending(at: now + .days(1), limit: 10)).map(\.key).contains(k))
        // A dead letter does not come back on a late failure report.
        try await store.markFailed(k, error: "late", retryAt: now + .days(1), at: now + .minutes(3))
        #expect(try await store.lead("L1")?.notifications.first { $0.key == k }?.state == .dead)
        #expect(try await store.statistics().outboxByState == [.pending: 5, .dead: 1])
    }

    @Test(arguments: StorePlace.allCases)
    func aNotificationPayloadReadsBackWhole(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let entry = try #require(try await store.duePending(at: at("2026-11-24T20:00:00Z"), limit: 1).first)
        #expect(entry.notification == LeadNotification(id: "L1:lead.assigned:1:1", at: at("2026-11-24T20:00:00Z"),
                                                        kind: .leadAssigned, lead: "L1", to: "alice", recipient: .rep, step: 1, channel: .call,
                                                        deadline: at("2026-11-24T20:05:00Z"), reason: .new))
        #expect(entry.createdAt == at("2026-11-24T20:00:00Z"))
    }
}
