import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// A notification read back from the outbox says what its `to` names, as the
/// engine decided it (issue 17): a rep, the fallback receiver, or the lead.
@Suite struct RecipientKindTests {
    let rules = DefaultRules.make()

    let events = [
        // A chat-style handle for an id, and no email on file.
        event("2026-11-24T19:00:00Z", .repUpserted(Rep(id: "@alice", name: "Alice", team: "sales"))),
        capture("2026-11-24T20:00:00Z", "L1", owner: "@alice"),
        // Nobody in this team: the lead goes to the fallback.
        capture("2026-11-24T20:01:00Z", "L2", team: "ghosts"),
    ]

    /// The kinds of L1's rows (all to the rep) and L2's unrouted row (to the fallback).
    func expectKinds(_ store: some LeadQueries) async throws {
        let l1 = try #require(try await store.lead("L1")).notifications.map(\.notification)
        #expect(!l1.isEmpty)
        #expect(l1.allSatisfy { $0.to == "@alice" && $0.recipient == .rep })
        let l2 = try #require(try await store.lead("L2")).notifications.map(\.notification)
        let unrouted = try #require(l2.first { $0.kind == .leadUnrouted })
        #expect(unrouted.to == rules.fallback && unrouted.recipient == .fallback)
    }

    /// Every store keeps the kind in its outbox (SQLite's v13, PostgreSQL's
    /// migration 4); read back from the payload alone, L2's row would be a rep's.
    @Test(arguments: StorePlace.allCases)
    func theOutboxKeepsWhatToNames(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await placed.open()
        _ = try await StoreTimeline(store: store, rules: rules).apply(events)
        try await expectKinds(store)
    }

    /// A file from before v13 has no `recipient` column: opening it gives each
    /// row its kind from the roster (`to` a rep of it, else the fallback).
    @Test func aFileFromBeforeV13GetsTheKinds() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        _ = try await StoreTimeline(store: SQLiteLeadStore(path: path, receivers: testReceivers), rules: rules).apply(events)
        try RawSQL.execute("""
            ALTER TABLE outbox DROP COLUMN recipient;
            DROP INDEX idempotency_keys_age;
            DROP TABLE report_leads;
            DROP TABLE report_groups;
            DROP TABLE report_bins;
            DROP TABLE report_bins_weekly;
            DROP TABLE report_values;
            DROP INDEX leads_in_cadence_by_team;
            DROP INDEX outbox_by_lead;
            DELETE FROM grdb_migrations WHERE identifier IN ('v13-notification-recipient', 'v14-idempotency-keys-age',
                'v16-report-aggregates', 'v17-report-groups', 'v18-report-fine-bins');
            """, onFileAt: path)
        try await expectKinds(SQLiteLeadStore(path: path, receivers: testReceivers))
    }
}
