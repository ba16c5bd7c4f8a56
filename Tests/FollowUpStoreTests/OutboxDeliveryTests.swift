import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// The outbox as delivery lanes and admins use it: per-receiver queues, a
/// round recorded in one transaction, re-queue and drop, tallies per
/// receiver, and routing by the lead's priority when minted; the SQLite store
/// and the PostgreSQL one alike (``StorePlace``).
@Suite struct OutboxDeliveryTests {
    let rules = DefaultRules.make()

    func makeStore(_ placed: PlacedStore) async throws -> any InspectedStore {
        let store = try await placed.open()
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:01:00Z", "L2", owner: "alice"),
        ])
        return store
    }

    func key(_ lead: String, _ receiver: String) -> OutboxKey {
        OutboxKey(id: "\(lead):lead.assigned:1:1", receiver: receiver)
    }

    @Test(arguments: StorePlace.allCases)
    func eachReceiverHasItsOwnQueue(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let now = at("2026-11-24T20:05:00Z")
        #expect(try await store.duePending(receiver: "log", at: now, limit: 10).map(\.key) == [key("L1", "log"), key("L2", "log")])
        #expect(try await store.nextAttemptAt(receiver: "webhook") == at("2026-11-24T20:00:00Z"))
        #expect(try await store.nextAttemptAt(receiver: "nobody") == nil)
    }

    @Test(arguments: StorePlace.allCases)
    func aRoundIsRecordedWholeAndTalliedPerReceiver(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let now = at("2026-11-24T20:05:00Z")
        try await store.record([
            .delivered(key("L1", "webhook"), via: "log"),
            .failed(key("L2", "webhook"), error: "HTTP 422", retryAt: nil),
            .failed(key("L1", "log"), error: "disk full", retryAt: now + .minutes(1)),
        ], at: now)
        let counts = try await store.countsByReceiver()
        #expect(counts["webhook"] == [.delivered: 1, .dead: 1, .pending: 0])
        #expect(counts["log"] == [.pending: 2])
        let dead = try await store.entries(OutboxQuery(state: .dead))
        #expect(dead.map(\.key) == [key("L2", "webhook")] && dead.first?.lastError == "HTTP 422")
        let delivered = try await store.entries(OutboxQuery(state: .delivered))
        #expect(delivered.first?.via == "log")
        #expect(try await store.duePending(receiver: "log", at: now, limit: 10).map(\.key) == [key("L2", "log")])

        // Delivered again (a retry racing its success) and "delivered" after becoming a dead
        // letter: neither row changes, and the tallies (counted in code for deliveries) still match the rows.
        try await store.record([.delivered(key("L1", "webhook"), via: nil), .delivered(key("L2", "webhook"), via: nil),
                                .delivered(key("L2", "log"), via: nil)], at: now + .minutes(2))
        #expect(try await store.entries(OutboxQuery(state: .dead)).map(\.key) == [key("L2", "webhook")])
        _ = try await store.requeue(id: "L2:lead.assigned:1:1", receiver: "webhook", at: now + .minutes(3))
        try await store.markDelivered([key("L2", "webhook")], at: now + .minutes(4))
        let rows = try placed.strings("SELECT receiver || '.' || state || '=' || count(*) FROM outbox GROUP BY receiver, state")
        let tallied = try await store.countsByReceiver().flatMap { receiver, states in
            states.filter { $0.value > 0 }.map { "\(receiver).\($0.key.rawValue)=\($0.value)" }
        }
        #expect(tallied.sorted() == rows.sorted())
        #expect(rows.sorted() == ["log.delivered=1", "log.pending=1", "webhook.delivered=2"])
    }

    @Test(arguments: StorePlace.allCases)
    func requeueBringsADeadLetterBackAndDropDeletesIt(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let now = at("2026-11-24T21:00:00Z")
        try await store.record([.failed(key("L1", "webhook"), error: "HTTP 400", retryAt: nil),
                                .delivered(key("L1", "log"), via: nil)], at: now)
        #expect(try await store.requeue(id: "L1:lead.assigned:1:1", receiver: nil, at: now + .minutes(5)) == 1)
        let row = try #require(try await store.entries(OutboxQuery(receiver: "webhook", id: "L1:lead.assigned:1:1")).first)
        #expect(row.state == .pending && row.nextAttemptAt == now + .minutes(5) && row.queuedAt == now + .minutes(5))
        #expect(try await store.drop(id: "L1:lead.assigned:1:1", receiver: "webhook") == 1)
        #expect(try await store.drop(id: "L1:lead.assigned:1:1", receiver: nil) == 0, "delivered rows are history")
        #expect(try await store.countsByReceiver()["webhook"]?[.dead] == 0)
    }

    @Test(arguments: StorePlace.allCases)
    func routesSeeTheLeadsPriorityWhenMinted(_ place: StorePlace) async throws {
        let routes = NotificationRoutes(routes: [NotificationRoute(priorities: ["high"], receivers: ["pager"])],
                                        everyReceiver: ["log"])
        let placed = try await place.make(routing: { routes.receivers(of: $0, facts: $1) })
        defer { placed.remove() }
        let store = try await placed.open()
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "H1", source: "web_form", owner: "alice"),
            capture("2026-11-24T20:01:00Z", "T1", source: "trade_show", owner: "alice"),
        ])
        let rows = try await store.entries(OutboxQuery())
        #expect(Set(rows.map { "\($0.notification.lead)>\($0.receiver)" }) == ["H1>pager", "T1>log"])
    }
}
