import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// Re-planning open leads in the store (what a rules reload does): a preview
/// writes nothing; a commit rewrites the leads and their timers together, and
/// survives a reopen.
@Suite struct ReplanStoreTests {
    let rules = DefaultRules.make()

    /// Ten minutes instead of five for hot leads.
    var slower: Rules {
        var r = DefaultRules.make()
        r.priorities = r.priorities.map { $0.name == "high" ? PriorityTier(name: "high", firstTouch: .minutes(10)) : $0 }
        return r
    }

    func makeStore(_ dir: TempDirectory) async throws -> SQLiteLeadStore {
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-11-24T19:00:00Z", "alice"),
            capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
            capture("2026-11-24T20:00:00Z", "L2", owner: "alice"),
            touch("2026-11-24T20:01:00Z", "L2", by: "alice"),
            capture("2026-11-24T20:00:00Z", "L3", owner: "alice"),
            event("2026-11-24T20:01:00Z", .leadStatus(lead: "L3", .won)),
        ])
        return store
    }

    @Test func aPreviewListsWhatWouldMoveAndWritesNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let timersBefore = try await store.allTimers()
        let report = try await store.previewReplan(engine: Engine(rules: slower), previous: rules, keep: 10)
        #expect(report.examined == 2, "L1 (step 1) and L2 (step 2); L3 is won")
        #expect(report.movedCount == 1)
        #expect(report.moved.map(\.lead) == ["L1"])
        #expect(report.moved.first?.before.deadline == at("2026-11-24T20:05:00Z"))
        #expect(report.moved.first?.after.deadline == at("2026-11-24T20:10:00Z"))
        #expect(try await store.allTimers() == timersBefore)
        #expect(try await store.lead("L1")?.state.step?.deadline == at("2026-11-24T20:05:00Z"))
    }

    @Test func aCommitRewritesTheLeadAndItsTimerAndSurvivesAReopen() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let report = try await store.putInForce(engine: Engine(rules: slower), previous: rules, roster: [],
                                                progress: {})
        #expect(report.movedCount == 1)
        #expect(report.moved.isEmpty, "putting rules in force lists nothing")
        let reopened = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let l1 = try #require(try await reopened.lead("L1"))
        #expect(l1.state.step?.deadline == at("2026-11-24T20:10:00Z"))
        #expect(l1.state.step?.openedAt == at("2026-11-24T20:00:00Z"))
        #expect(l1.timers == [LeadTimer(at: at("2026-11-24T20:10:00Z"), leadSeq: 0, lead: "L1", kind: .deadline(step: 1))])
        // The row counts `status` reads, kept in code per transaction, still match the rows.
        let stats = try await reopened.statistics()
        #expect(stats.pendingTimers == (try await reopened.allTimers()).count)
        #expect(stats.leadsByStatus[.open] == 2)
        // The same rules again: nothing more moves.
        let again = try await reopened.putInForce(engine: Engine(rules: slower), previous: slower, roster: [],
                                                  progress: {})
        #expect(again.movedCount == 0)
    }

    @Test func aReplanThatFailsLeavesTheRosterAndEveryLeadAsTheyWere() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await makeStore(dir)
        let l1 = try await store.lead("L1")?.state
        // A damaged row: the re-plan reads it after the roster is merged, and throws.
        let damage = try Subprocess.run("/usr/bin/sqlite3", ["-cmd", ".timeout 5000", dir.path("state.sqlite"), "UPDATE leads SET had = 'not json' WHERE id = 'L2'"], directory: nil)
        #expect(damage.status == 0, "\(damage.stderr)")
        await #expect(throws: (any Error).self) {
            try await store.putInForce(engine: Engine(rules: slower), previous: rules,
                                       roster: [Rep(id: "zed", team: "sales")], progress: {})
        }
        #expect(try await store.roster().map(\.member.rep.id) == ["alice"], "the new rep joined although the re-plan failed")
        #expect(try await store.lead("L1")?.state == l1)
        let reopened = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        #expect(try await reopened.roster().map(\.member.rep.id) == ["alice"])
        #expect(try await reopened.lead("L1")?.state == l1)
    }

    /// DESIGN's check-ins follow the rules in force: a reload re-plans an
    /// engaged lead's next check-in from its last touch, as `simulate` does.
    @Test func aReloadMovesAnEngagedLeadsCheckIn() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        _ = try await StoreTimeline(store: store, rules: rules).apply([
            upsert("2026-12-07T13:00:00Z", "alice"),
            capture("2026-12-07T14:00:00Z", "E1", owner: "alice"),
            touch("2026-12-07T14:03:00Z", "E1", by: "alice", .connected),
        ])
        let before = try #require(try await store.lead("E1"))
        #expect(before.state.status == .engaged)
        #expect(before.timers.map(\.at) == [at("2026-12-21T14:03:00Z")])
        var weekly = FollowThrough.shipped
        weekly.checkInEvery = .days(7)
        let report = try await store.putInForce(engine: Engine(rules: DefaultRules.make(followThrough: weekly)),
                                                previous: rules, roster: [], progress: {})
        #expect(report.movedCount == 1)
        #expect(try await store.lead("E1")?.timers.map(\.at) == [at("2026-12-14T14:03:00Z")])
    }
}
