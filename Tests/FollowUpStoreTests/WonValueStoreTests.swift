import Foundation
import Testing
import FollowUpCore
import FollowUpReports
import FollowUpStore
import FollowUpTestSupport

/// A won deal's value in a real SQLite file (issue 15, ROI by source): kept
/// on the lead's row across reopening, read by reports, and — for a file
/// from before v11 — backfilled from the event log, whose old bodies still replay.
@Suite struct WonValueStoreTests {
    let rules = DefaultRules.make()

    func makeStore(_ path: String) async throws -> SQLiteLeadStore {
        let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L2", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L3", owner: "alice"),
            event("2026-11-24T20:01:00Z", .leadStatus(lead: "L1", .won, value: Amount(cents: 120_050))),
            event("2026-11-24T20:02:00Z", .leadStatus(lead: "L1", .won, value: Amount(cents: 1))),
            event("2026-11-24T20:01:00Z", .leadStatus(lead: "L2", .won)),
            event("2026-11-24T20:01:00Z", .leadStatus(lead: "L3", .lost)),
        ])
        return store
    }

    @Test func theValueOutlivesTheProcessAndReachesReports() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        _ = try await makeStore(dir.path("state.sqlite"))
        let reopened = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let facts = try await reopened.reportFacts(capturedSince: nil, before: nil)
        #expect(facts.map(\.lead.wonValue) == [Amount(cents: 120_050), nil, nil])
        #expect(try await reopened.lead("L1")?.state.wonValue == Amount(cents: 120_050))
        // What the log replays gives the same value (explain, re-plans).
        let replayed = try #require(try await reopened.replayEvents(of: "L1"))
        #expect(replayed.contains { $0.event.body == .leadStatus(lead: "L1", .won, value: Amount(cents: 120_050)) })
    }

    /// A file written before v11: no `won_value` column, and `lead.status`
    /// bodies whose `value` the decoder kept as an attribute — one valid, one
    /// text, one on a lost lead. Opening it migrates: the valid value reaches
    /// the lead, the others become `value_before_v11`, and every body replays.
    @Test func aFileFromBeforeV12IsBackfilledAndStillReplays() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        _ = try await makeStore(path)
        try RawSQL.execute("""
            ALTER TABLE leads DROP COLUMN won_value;
            DROP TABLE idempotency_keys;
            ALTER TABLE outbox DROP COLUMN recipient;
            DROP TABLE report_leads;
            DROP TABLE report_groups;
            DROP TABLE report_bins;
            DROP TABLE report_bins_weekly;
            DROP TABLE report_values;
            DROP INDEX leads_in_cadence_by_team;
            DROP INDEX outbox_by_lead;
            DELETE FROM grdb_migrations WHERE identifier IN ('v11-won-value', 'v12-idempotency-keys', 'v13-notification-recipient',
                'v14-idempotency-keys-age', 'v16-report-aggregates', 'v17-report-groups', 'v18-report-fine-bins');
            UPDATE events SET body = json_set(body, '$.value', 700) WHERE type = 'lead.status' AND lead = 'L1' AND at = 1795550460;
            UPDATE events SET body = json_set(body, '$.value', 'lots') WHERE type = 'lead.status' AND lead = 'L2';
            UPDATE events SET body = json_set(body, '$.value', 5) WHERE type = 'lead.status' AND lead = 'L3';
            """, onFileAt: path)
        let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
        let facts = try await store.reportFacts(capturedSince: nil, before: nil)
        #expect(facts.map(\.lead.wonValue) == [Amount(cents: 70_000), nil, nil])
        for lead in ["L1", "L2", "L3"] {
            #expect(try await store.replayEvents(of: lead) != nil, "\(lead)'s log still decodes")
        }
        let l2 = try #require(try await store.replayEvents(of: "L2")).map(\.event).first { $0.type == "lead.status" }
        #expect(l2?.attributes["value_before_v11"] == .string("lots"))
        #expect(try RawSQL.strings("SELECT identifier FROM grdb_migrations", onFileAt: path).contains("v11-won-value"))
    }
}
