import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// `retention:` on a real SQLite file and a real PostgreSQL: what a pass
/// removes (old delivered and dead outbox rows, the events of old closed or
/// erased leads) and what it must leave (open leads' history, pending rows,
/// the tallies).
@Suite struct RetentionTests {
    let rules = DefaultRules.make()
    let cutoff = at("2026-11-25T00:00:00Z")

    /// L1 won and L4 erased before the cutoff; L2 open; L3 lost after it.
    func makeStore(_ placed: PlacedStore) async throws -> any InspectedStore {
        let store = try await placed.open()
        let timeline = StoreTimeline(store: store, rules: rules)
        _ = try await timeline.apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:01:00Z", "L2", owner: "alice"),
            capture("2026-11-24T20:02:00Z", "L3", owner: "alice"),
            capture("2026-11-24T20:03:00Z", "L4", owner: "alice"),
            touch("2026-11-24T20:04:00Z", "L1", by: "alice"),
            touch("2026-11-24T20:04:30Z", "L2", by: "alice"),
            event("2026-11-24T20:30:00Z", .leadStatus(lead: "L1", .won)),
        ])
        try await store.record([
            .delivered(key("L1", "webhook"), via: nil),
            .delivered(key("L2", "webhook"), via: nil),
            .failed(key("L3", "webhook"), error: "HTTP 422", retryAt: nil),
        ], at: at("2026-11-24T20:05:00Z"))
        #expect(try await store.erase("L4", at: at("2026-11-24T20:10:00Z")) != nil)
        _ = try await timeline.apply([event("2026-11-25T01:00:00Z", .leadStatus(lead: "L3", .lost))])
        // Delivered after the cutoff: kept, though minted before it.
        try await store.record([.delivered(key("L3", "log"), via: nil)], at: at("2026-11-25T01:30:00Z"))
        return store
    }

    func key(_ lead: String, _ receiver: String) -> OutboxKey {
        OutboxKey(id: "\(lead):lead.assigned:1:1", receiver: receiver)
    }

    func prune(_ store: any InspectedStore, rows: Int) async throws -> RetentionProgress {
        var progress = RetentionProgress()
        var steps = 0
        while !progress.finished {
            progress = try await store.pruneStep(before: cutoff, progress, rows: rows)
            steps += 1
            #expect(steps < 1_000, "a pass that does not end")
            if steps >= 1_000 { break }
        }
        return progress
    }

    @Test(arguments: StorePlace.allCases)
    func oldClosedLeadsAndSentRowsGoOpenLeadsAndPendingRowsStay(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        let pendingBefore = try await store.entries(OutboxQuery(state: .pending, limit: 1_000)).map(\.key)
        let l2Before = try #require(try await store.lead("L2"))
        let l3Before = try #require(try await store.lead("L3"))
        let statistics = try await store.statistics()
        let perReceiver = try await store.countsByReceiver()
        let sentBefore = try await store.entries(OutboxQuery(state: .delivered, limit: 1_000)).count
            + store.entries(OutboxQuery(state: .dead, limit: 1_000)).count
        #expect(!pendingBefore.isEmpty && pendingBefore.contains(key("L1", "log")))

        // Two rows a step: the pass goes in many small transactions and still covers everything.
        let progress = try await prune(store, rows: 2)

        #expect(try await store.lead("L1")?.events.isEmpty == true, "the won lead's events are gone")
        #expect(try await store.lead("L1")?.state.status == .won, "its lead row stays")
        #expect(try await store.lead("L4")?.events.isEmpty == true, "the erased lead's events are gone")
        #expect(try placed.strings("SELECT lead FROM erased_leads") == ["L4"], "and it stays erased")
        #expect(try await store.lead("L2")?.events.map(\.seq) == l2Before.events.map(\.seq), "the open lead keeps its history")
        #expect(try await store.lead("L3")?.events.map(\.seq) == l3Before.events.map(\.seq), "a lead closed after the cutoff keeps its history")
        #expect(try await store.entries(OutboxQuery(state: .pending, limit: 1_000)).map(\.key) == pendingBefore,
                "pending rows stay, a closed lead's too")
        let delivered = try await store.entries(OutboxQuery(state: .delivered, limit: 1_000)).map(\.key)
        #expect(delivered == [key("L3", "log")])
        #expect(try await store.entries(OutboxQuery(state: .dead, limit: 1_000)).isEmpty, "old dead letters go too")
        // Every delivered or dead row but L3's late delivery; L1's three events and L4's capture.
        #expect(progress.outboxRows == sentBefore - 1 && progress.events == 4 && progress.leads == 2, "\(progress)")
        // The tallies count every row ever delivered or dead, and the log's last seq stays.
        #expect(try await store.statistics() == statistics)
        #expect(try await store.countsByReceiver() == perReceiver)

        // A second pass finds nothing more.
        let again = try await prune(store, rows: 500)
        #expect(again.outboxRows == 0 && again.events == 0)
    }

    @Test(arguments: StorePlace.allCases)
    func withoutRetentionNothingIsPrunedBeforeTheCutoff(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await makeStore(placed)
        var progress = RetentionProgress()
        while !progress.finished {
            progress = try await store.pruneStep(before: at("2026-11-24T00:00:00Z"), progress, rows: 500)
        }
        #expect(progress.outboxRows == 0 && progress.events == 0)
        #expect(try await store.lead("L1")?.events.isEmpty == false)
    }
}
