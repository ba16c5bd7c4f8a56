import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// One event or timer, one transaction: what gets written, and what does not.
@Suite struct RecordingTests {
    let rules = DefaultRules.make()
    var engine: Engine { Engine(rules: rules) }

    /// A store with alice, bob (alice's backup) and lead L1 owned by alice.
    func makeStore(_ dir: TempDirectory) async throws -> SQLiteLeadStore {
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice", backup: "bob"),
            upsert("2026-11-24T19:00:00Z", "bob"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
        ])
        return store
    }

    @Test func recordingLogsTheEventAndQueuesItsNotificationsPerReceiver() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let record = try #require(try await store.lead("L1"))
        #expect(record.events.map(\.event.type) == ["lead.captured"])
        #expect(record.events.first?.source == "test")
        #expect(record.events.first?.receivedAt == at("2026-11-24T20:00:00Z"))
        #expect(record.notifications.map(\.notification.id) == ["L1:lead.assigned:1:1", "L1:lead.assigned:1:1"])
        #expect(record.notifications.map(\.receiver) == ["webhook", "log"])
        #expect(record.notifications.allSatisfy { $0.state == .pending && $0.attempts == 0 })
        #expect(record.notifications.first?.notification.deadline == at("2026-11-24T20:05:00Z"))
        #expect(record.timers == [LeadTimer(at: at("2026-11-24T20:05:00Z"), leadSeq: 0, lead: "L1", kind: .deadline(step: 1))])
        #expect(try await store.nextTimer() == record.timers.first)
    }

    @Test func aFailingEventWritesNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let before = try await store.statistics()
        let lastBefore = try await store.lastAppliedAt()
        let teamBefore = store.team
        let bad: [Event] = [
            touch("2026-11-24T20:01:00Z", "L9", by: "alice"),
            event("2026-11-24T20:01:00Z", .repAvailability(rep: "nobody", Availability(available: false))),
            event("2026-11-24T20:01:00Z", .leadCaptured(LeadProfile(id: "L2", source: "web_form", priority: "urgent"))),
            event("2026-11-24T20:01:00Z", .repUpserted(Rep(id: "system"))),
        ]
        for e in bad {
            await #expect(throws: Diagnostic.self) {
                _ = try await store.record(e, source: "test", receivedAt: e.at, engine: engine)
            }
        }
        #expect(try await store.statistics() == before)
        #expect(try await store.lastAppliedAt() == lastBefore)
        #expect(store.team == teamBefore)
        #expect(try await store.lead("L2") == nil)
    }

    @Test func aRepeatedCaptureMintsNothingAndChangesNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let before = try #require(try await store.lead("L1"))
        let again = capture("2026-11-24T20:00:30Z", "L1", source: "trade_show", owner: "bob")
        let recorded = try await store.record(again, source: "test", receivedAt: again.at, engine: engine)
        #expect(recorded.notifications.isEmpty)
        #expect(recorded.seq == 4)
        let after = try #require(try await store.lead("L1"))
        #expect(after.state == before.state)
        #expect(after.notifications == before.notifications)
        #expect(after.events.count == 2)
        #expect(try await store.statistics().outboxByState == [.pending: 2])
    }

    @Test func aMetStepsTimerIsGoneAndADueTimerFiresOnce() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let timeline = StoreTimeline(store: store, rules: rules)
        // Touch 1 at 20:02 meets step 1: the 20:05 deadline must not fire; step 2 is due at once.
        _ = try await timeline.apply([touch("2026-11-24T20:02:00Z", "L1", by: "alice")])
        #expect(try await store.allTimers().map(\.kind) == [.due(step: 2), .deadline(step: 2)])
        let first = try await store.fireNextTimer(dueBy: at("2026-11-24T20:02:00Z"), inclusive: true, engine: engine)
        #expect(first?.notifications.map(\.id) == ["L1:touch.due:2:1"])
        #expect(try await store.allTimers().map(\.kind) == [.deadline(step: 2)])
        // Nothing else is due until step 2's deadline (capture + 24h).
        #expect(try await store.fireNextTimer(dueBy: at("2026-11-25T19:59:59Z"), inclusive: true, engine: engine) == nil)
        #expect(try await store.fireNextTimer(dueBy: at("2026-11-25T20:00:00Z"), inclusive: false, engine: engine) == nil)
        let breach = try await store.fireNextTimer(dueBy: at("2026-11-25T20:00:00Z"), inclusive: true, engine: engine)
        #expect(breach?.notifications.map(\.id) == ["L1:sla.breached:2:1", "L1:sla.breached:2:2"])
        #expect(breach?.notifications.map(\.to) == ["alice", "bob"])
        // Still unmet: the breach repeats a day later (an open instant), and that is all that waits.
        #expect(try await store.allTimers() == [LeadTimer(at: at("2026-11-27T13:00:00Z"), leadSeq: 0, lead: "L1", kind: .repeatBreach(step: 2))])
        #expect(try await store.lastAppliedAt() == at("2026-11-25T20:00:00Z"))
    }

    @Test func aHandOffMovesEveryLeadAwaitingItsFirstTouch() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let timeline = StoreTimeline(store: store, rules: rules)
        let out = try await timeline.apply([
            capture("2026-11-24T20:01:00Z", "L2", owner: "alice"),
            capture("2026-11-24T20:01:00Z", "L3", owner: "alice"),
            touch("2026-11-24T20:01:00Z", "L3", by: "alice"),
            event("2026-11-24T20:02:00Z", .repAvailability(rep: "alice", Availability(available: false))),
        ])
        let handOffs = out.filter { $0.reason == .ownerUnavailable }
        #expect(handOffs.map(\.lead) == ["L1", "L2"])
        #expect(handOffs.allSatisfy { $0.to == "bob" })
        #expect(try await store.lead("L1")?.state.owner == "bob")
        #expect(try await store.lead("L3")?.state.owner == "alice")
    }
}
