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
        #expect(all[2].breachNotices == [NoticeFact(at: at("2026-11-25T20:05:00Z"), kind: .slaBreached, step: 1, to: "alice")])
        #expect(all[2].touches.isEmpty)
        let outcome = LeadOutcome(facts: all[2], rules: rules, asOf: at("2026-11-25T20:09:00Z"))
        #expect(outcome.breaches == [Breach(step: 1, at: at("2026-11-25T20:05:00Z"), rep: "alice")])
        #expect(outcome.lead.owner == "bob", "escalated to alice's backup; the breach stays alice's")
    }

    /// Version 2 follow-through through the real store: the notices reports
    /// count come from the outbox once per notification (each has two rows
    /// here), bounced touches are in the facts and left out of the figures.
    @Test func followThroughFiguresFromTheOutbox() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let rules = DefaultRules.make(followThrough: .shipped)
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let timeline = StoreTimeline(store: store, rules: rules)
        let now = at(FollowThroughMonth.until)
        _ = try await timeline.apply(try FollowThroughMonth.lines.map { try EventDecoder.decode($0) })
        _ = try await timeline.run(until: now)

        let facts = try await store.reportFacts(capturedSince: nil, before: nil)
        #expect(facts.map(\.lead.id) == ["A", "B", "C", "D", "E", "F"])
        let a = facts[0]
        // Step 2 breached twice by alice (each time with a copy to bob), then once by bob (copy to carol).
        #expect(a.breachNotices.map(\.to) == ["alice", "bob", "alice", "bob", "bob", "carol"])
        #expect(a.notices.filter { $0.kind == .leadAssigned } == [
            NoticeFact(at: at("2026-12-07T14:00:00Z"), kind: .leadAssigned, step: 1, to: "alice", reason: .new),
            NoticeFact(at: at("2026-12-09T14:00:00Z"), kind: .leadAssigned, step: 2, to: "bob", reason: .escalated),
        ])
        #expect(facts[1].notices.filter { $0.kind == .feedbackDue }.map(\.at)
            == [at("2026-12-21T14:01:00Z"), at("2027-01-05T15:00:00Z")])
        #expect(facts[3].notices.filter { $0.kind == .leadHot } == [
            NoticeFact(at: at("2026-12-09T15:00:00Z"), kind: .leadHot, to: "carol"),
        ])
        #expect(facts[3].lead.snoozedUntil == at("2027-02-01T15:00:00Z"), "leads.snoozed_until read back")
        #expect(facts[4].touches.map(\.outcome) == [.bounced, .noAnswer], "the store hands bounced touches over as logged")
        #expect(facts[5].notices.filter { $0.kind == .leadHot }.isEmpty, "step 1 open: its lift is its signal")

        let report = Report.make(facts: facts, rules: rules, grouping: .rep, window: ReportWindow(), asOf: now)
        let t = report.total
        #expect((t.snoozedNow, t.breachesRepeated, t.movedAfterBreaches) == (1, 2, 1))
        #expect((t.checkInsSent, t.checkInsAnswered, t.hotSignals) == (4, 2, 2))
        #expect((t.breaches, t.touches, t.neverTouched) == (9, 7, 1))
        #expect(report.groups.map(\.key) == ["alice", "bob", "carol"])
        #expect(report.groups.map(\.checkInsAnswered) == [2, 0, 0])
        #expect(report.groups.map(\.breachesRepeated) == [0, 1, 1])
    }
}
