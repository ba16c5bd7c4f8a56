import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReports
import FollowUpFormats
import FollowUpStore
import FollowUpTestSupport

/// What reports read from a real SQLite file and a real PostgreSQL database:
/// the window's leads, their touches, and one breach notice per notification
/// (not per receiver).
@Suite struct ReportFactsTests {
    let rules = DefaultRules.make()

    @Test(arguments: StorePlace.allCases)
    func factsOfACaptureWindow(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        // Two receivers (webhook, log): every notification is two outbox rows.
        let store = try await placed.open()
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
        #expect(day[1].touches == [TouchFact(at: at("2026-11-24T20:01:00Z"), rep: "bob", outcome: .connected, channel: .call)],
                "the channel too: best time to call counts calls")
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
    @Test(arguments: StorePlace.allCases)
    func followThroughFiguresFromTheOutbox(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let rules = DefaultRules.make(followThrough: .shipped)
        let store = try await placed.open()
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

    /// Accepts, declines, a rep leaving and a merge, fed through the real
    /// store: the event log gives the answers (the owner's and others'), the
    /// outbox the offers and moves, the `in_cadence` flag the team load.
    @Test(arguments: StorePlace.allCases)
    func acceptanceAndRoutingFiguresFromTheLogAndTheOutbox(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let rules = DefaultRules.make(followThrough: .shipped)
        let store = try await placed.open()
        let timeline = StoreTimeline(store: store, rules: rules)
        let now = at("2026-12-01T15:40:00Z")
        // Team sales by round robin: L1 alice, L2 bob (declines: carol), L3 alice; L4 bob's own, moved to
        // carol when bob leaves; L5 merged into L1. Touches keep every step 1 from breaching (no escalation offers).
        let lines = [
            #"{"at":"2026-12-01T14:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales","backup":"bob"}}"#,
            #"{"at":"2026-12-01T14:00:00Z","type":"rep.upserted","rep":{"id":"bob","email":"bob@x.test","team":"sales","backup":"carol"}}"#,
            #"{"at":"2026-12-01T14:00:00Z","type":"rep.upserted","rep":{"id":"carol","email":"carol@x.test","team":"sales"}}"#,
            #"{"at":"2026-12-01T15:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"a@x.test"}}"#,
            #"{"at":"2026-12-01T15:01:00Z","type":"lead.accepted","lead":"L1","rep":"alice"}"#,
            #"{"at":"2026-12-01T15:02:00Z","type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"b@x.test"}}"#,
            #"{"at":"2026-12-01T15:02:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"}"#,
            #"{"at":"2026-12-01T15:03:00Z","type":"lead.declined","lead":"L2","rep":"bob","reason":"not my territory"}"#,
            #"{"at":"2026-12-01T15:04:00Z","type":"lead.accepted","lead":"L2","rep":"carol"}"#,
            #"{"at":"2026-12-01T15:04:00Z","type":"lead.accepted","lead":"L2","rep":"bob"}"#,
            #"{"at":"2026-12-01T15:05:00Z","type":"lead.captured","lead":{"id":"L3","source":"web_form","email":"c@x.test"}}"#,
            #"{"at":"2026-12-01T15:05:00Z","type":"touch.logged","lead":"L2","rep":"carol","channel":"call","outcome":"no_answer"}"#,
            #"{"at":"2026-12-01T15:06:00Z","type":"lead.declined","lead":"L3","rep":"carol","reason":"not mine anyway"}"#,
            #"{"at":"2026-12-01T15:08:00Z","type":"lead.accepted","lead":"L3","rep":"alice"}"#,
            #"{"at":"2026-12-01T15:09:00Z","type":"touch.logged","lead":"L3","rep":"alice","channel":"call","outcome":"no_answer"}"#,
            #"{"at":"2026-12-01T15:10:00Z","type":"lead.captured","lead":{"id":"L4","source":"web_form","email":"d@x.test","owner":"bob"}}"#,
            #"{"at":"2026-12-01T15:12:00Z","type":"rep.deactivated","rep":"bob"}"#,
            #"{"at":"2026-12-01T15:14:00Z","type":"touch.logged","lead":"L4","rep":"carol","channel":"call","outcome":"no_answer"}"#,
            #"{"at":"2026-12-01T15:30:00Z","type":"lead.captured","lead":{"id":"L5","source":"web_form","email":"a@x.test","owner":"alice"}}"#,
            #"{"at":"2026-12-01T15:31:00Z","type":"lead.merged","lead":"L1","duplicate":"L5"}"#,
        ]
        _ = try await timeline.apply(try lines.map { try EventDecoder.decode($0) })
        _ = try await timeline.run(until: now)

        let facts = try await store.reportFacts(capturedSince: nil, before: nil)
        #expect(facts.map(\.lead.id) == ["L1", "L2", "L3", "L4", "L5"])
        #expect(facts[1].responses == [
            OfferResponse(at: at("2026-12-01T15:03:00Z"), rep: "bob", answer: .declined),
            OfferResponse(at: at("2026-12-01T15:04:00Z"), rep: "carol", answer: .accepted),
            OfferResponse(at: at("2026-12-01T15:04:00Z"), rep: "bob", answer: .accepted),
        ], "every answer is in the log, the owner's or not")
        #expect(facts[3].notices.filter { $0.kind == .leadAssigned }.map(\.reason) == [.new, .ownerDeactivated])
        #expect(facts[4].lead.status == .merged)

        let report = Report.make(facts: facts, rules: rules, grouping: .rep, window: ReportWindow(), asOf: now,
                                 teamLoad: try await store.teamLoad())
        let rows = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.key, $0) })
        // alice: L1 in 1 min, L3 in 3 min. bob: L2 (declined; his accept after it moved is not his) and L4 (left).
        // carol: L2 after bob's decline (1 min), L4 after bob left (not accepted).
        #expect((rows["alice"]?.offered, rows["alice"]?.accepted, rows["alice"]?.timeToAcceptMedian) == (2, 2, .minutes(2)))
        #expect((rows["bob"]?.leads, rows["bob"]?.offered, rows["bob"]?.accepted, rows["bob"]?.declines) == (0, 2, 0, 1))
        #expect((rows["carol"]?.offered, rows["carol"]?.accepted, rows["carol"]?.declines) == (2, 1, 0),
                "carol's decline of alice's L3 moved nothing")
        #expect((rows["carol"]?.movedByDeactivation, rows["alice"]?.merges) == (1, 1))
        let t = report.total
        #expect((t.leads, t.offered, t.accepted, t.declines, t.movedByDeactivation, t.merges) == (4, 6, 3, 1, 1, 1))
        #expect(t.acceptanceRatio.percentText == "50.0")
        #expect(t.timeToAcceptMedian == .minutes(1), "median of 1, 1 and 3 minutes")
        // L1–L4 wait for step 2 (no_answer touches); the merged L5 is final.
        #expect(report.teamLoad == [ReportBucket(label: "sales", count: 4)])
    }
}
