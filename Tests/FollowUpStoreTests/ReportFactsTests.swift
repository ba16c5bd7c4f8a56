import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// What reports read from a real SQLite file: the window's leads, their
/// touches, and one breach notice per notification (not per receiver).
@Suite struct ReportFactsTests {
    let rules = DefaultRules.make()

    @Test func factsOfACaptureWindow() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        // Two receivers (webhook, log): every notification is two outbox rows.
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let timeline = StoreTimeline(store: store, rules: rules)
        _ = try await timeline.apply([
            upsert("2026-11-24T19:00:00Z", "alice", backup: "bob"),
            upsert("2026-11-24T19:00:00Z", "bob"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L2", owner: "bob"),
            touch("2026-11-24T20:01:00Z", "L2", by: "bob", .connected),
            touch("2026-11-24T20:03:00Z", "L1", by: "bob", channel: .email),
            capture("2026-11-25T20:00:00Z", "L3", owner: "alice"),
        ])
        _ = try await timeline.run(until: at("2026-11-25T20:09:00Z"))

        let day = try await store.reportFacts(capturedSince: at("2026-11-24T00:00:00Z"), before: at("2026-11-25T00:00:00Z"))
        #expect(day.map(\.lead.id) == ["L1", "L2"])
        #expect(day[1].touches == [TouchFact(at: at("2026-11-24T20:01:00Z"), rep: "bob", outcome: .connected)])
        #expect(day[0].touches.map(\.rep) == ["bob"])

        let all = try await store.reportFacts(capturedSince: nil, before: nil)
        #expect(all.map(\.lead.id) == ["L1", "L2", "L3"])
        // L3 was never touched: step 1 breached at 20:05 against alice (two outbox rows, one notice).
        #expect(all[2].breachNotices == [BreachNotice(at: at("2026-11-25T20:05:00Z"), step: 1, to: "alice")])
        #expect(all[2].touches.isEmpty)
        let outcome = LeadOutcome(facts: all[2], rules: rules, asOf: at("2026-11-25T20:09:00Z"))
        #expect(outcome.breaches == [Breach(step: 1, at: at("2026-11-25T20:05:00Z"), rep: "alice")])
        #expect(outcome.lead.owner == "bob", "escalated to alice's backup; the breach stays alice's")
    }
}
