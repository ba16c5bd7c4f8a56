import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// What must survive closing the file: everything the engine knows.
@Suite struct PersistenceTests {
    let rules = DefaultRules.make()

    @Test func reopeningKeepsTeamLeadsTimersCountersAndTheTimeline() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let events = [
            upsert("2026-11-24T19:00:00Z", "alice", backup: "bob"),
            upsert("2026-11-24T19:00:00Z", "bob"),
            upsert("2026-11-24T19:00:00Z", "carol", team: "west"),
            event("2026-11-24T19:30:00Z", .repAvailability(rep: "bob", Availability(available: false, until: at("2026-11-30T13:00:00Z"), reason: "vacation"))),
            capture("2026-11-24T20:00:00Z", "L1"),  // round robin in sales: alice
            capture("2026-11-24T20:00:00Z", "L2", owner: "carol"),
        ]
        var before: (team: TeamState, leads: [LeadState], timers: [LeadTimer], last: Instant?, record: LeadRecord?)
        do {
            let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
            let timeline = StoreTimeline(store: store, rules: rules)
            _ = try await timeline.apply(events)
            before = (store.team, try await timeline.allLeads(), try await store.allTimers(),
                      try await store.lastAppliedAt(), try await store.lead("L1"))
        }
        #expect(before.team.roundRobin == ["sales": "alice"])
        #expect(before.team.nextLeadSeq == 2)

        let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
        let timeline = StoreTimeline(store: store, rules: rules)
        #expect(store.team == before.team)
        #expect(try await timeline.allLeads() == before.leads)
        #expect(try await store.allTimers() == before.timers)
        #expect(try await store.lastAppliedAt() == at("2026-11-24T20:00:00Z"))
        #expect(try await store.rep("bob")?.availability.until == at("2026-11-30T13:00:00Z"))
        let record = try #require(try await store.lead("L1"))
        #expect(record.state == before.record?.state)
        #expect(record.notifications == before.record?.notifications)

        // Counters continue: the next capture is seq 2, round robin moves past alice (bob is away), and
        // L1's step 1 breach mints :1 ids, never one already used.
        let more = try await timeline.apply([capture("2026-11-24T20:01:00Z", "L3"), touch("2026-11-24T21:00:00Z", "L2", by: "carol")])
        #expect(try await store.lead("L3")?.state.seq == 2)
        #expect(store.team.roundRobin["sales"] == "alice")  // bob away, carol in another team: alice again
        let minted = more.map(\.id)
        #expect(minted.contains("L1:sla.breached:1:1"))
        #expect(Set(minted).isDisjoint(with: (before.record?.notifications ?? []).map(\.notification.id)))
    }

    @Test func openingACurrentFileAgainChangesNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let schema = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"
        _ = try SQLiteLeadStore(path: path, receivers: testReceivers)
        let before = try RawSQL.strings(schema, onFileAt: path)
        for _ in 0..<2 {
            let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
            #expect(try await store.statistics().events == 0)
        }
        #expect(try RawSQL.strings(schema, onFileAt: path) == before)
        #expect(try RawSQL.strings("SELECT identifier FROM grdb_migrations", onFileAt: path) == ["v1", "v2-step-opened-at", "v3-delivery", "v4-insert-tallies-in-code", "v5-delivered-tallies-in-code", "v6-follow-through", "v7-people-and-routing",
                                                                                                   "v8-status-tallies-in-code", "v9-rep-events-index",
                                                                                                   "v10-erased-leads", "v11-won-value", "v12-idempotency-keys", "v13-notification-recipient",
                                                                                                   "v14-idempotency-keys-age", "v16-report-aggregates", "v17-report-groups", "v18-report-fine-bins"])
        #expect(try RawSQL.strings("PRAGMA application_id", onFileAt: path) == ["1179996228"])
    }

    @Test func seedingTheRosterKeepsAvailabilityAndRosterOrderAndLogsNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        try await store.seedRoster([Rep(id: "alice", team: "sales"), Rep(id: "bob", team: "sales")])
        _ = try await store.record(event("2026-11-24T19:00:00Z", .repAvailability(rep: "bob", Availability(available: false))),
                                   source: "test", receivedAt: at("2026-11-24T19:00:00Z"), engine: Engine(rules: rules))
        try await store.seedRoster([Rep(id: "zed", team: "sales"), Rep(id: "bob", name: "Bob B.", team: "sales")])
        let bob = try #require(try await store.rep("bob"))
        #expect(bob.rep.name == "Bob B.")
        #expect(bob.availability.available == false)
        #expect(bob.seq == 1)
        #expect(try await store.rep("zed")?.seq == 2)
        #expect(try await store.statistics().events == 1)
        let reopened = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        #expect(reopened.team == store.team)
    }
}
