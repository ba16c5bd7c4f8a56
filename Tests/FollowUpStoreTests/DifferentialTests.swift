import Foundation
import Testing
import FollowUpCore
import FollowUpFormats
import FollowUpStore
import FollowUpTestSupport

/// The store must be the in-memory world on disk: the same engine over both,
/// fed the same events, gives the same notifications (ids included), the same
/// lead states, the same timers and the same team. Run against the SQLite
/// store and the PostgreSQL one (``StorePlace``).
@Suite struct DifferentialTests {
    /// Scenario files: the shared worked examples and the repository's own.
    static var scenarios: [String] {
        func names(in url: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
                .filter { $0.hasSuffix(".events.jsonl") }.sorted().map { url.appendingPathComponent($0).path }
        }
        return SharedScenarios.files.map(\.path) + names(in: TestPaths.repositoryScenarios)
    }

    @Test func theSharedScenariosAreFound() {
        #expect(Self.scenarios.filter { $0.contains("shared/scenarios") }.count >= 3)
    }

    @Test(arguments: scenarios, StorePlace.allCases)
    func scenarioFile(_ path: String, _ place: StorePlace) async throws {
        let events = try readEvents(URL(fileURLWithPath: path))
        let untilFile = path.replacingOccurrences(of: ".events.jsonl", with: ".until")
        let until = (try? String(contentsOfFile: untilFile, encoding: .utf8))
            .flatMap { RFC3339.parse($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            ?? (events.map(\.at).max() ?? at("2026-11-24T00:00:00Z")) + .days(1)
        try await compare(events, rules: DefaultRules.make(), until: until, reopenAt: nil, in: place)
    }

    @Test(arguments: [1, 2, 3] as [UInt64], StorePlace.allCases)
    func seededRandomWorkload(_ seed: UInt64, _ place: StorePlace) async throws {
        let events = RandomWorkload(seed: seed, count: 1_500).events
        var followThrough = FollowThrough.shipped
        if seed == 3 { followThrough.acceptWithin = .minutes(3) }
        var rules = DefaultRules.make(autoAcknowledge: seed == 2, roster: RandomWorkload.roster, followThrough: followThrough)
        // Every strategy, on the teams the workload routes to.
        rules.routing.strategies = seed == 1 ? ["sales": .weighted, "support": .leastOpen] : ["support": .weighted]
        let kinds = try await compare(events, rules: rules, until: events.last!.at + .days(70), reopenAt: nil, in: place)
        // The workload reaches every kind of notification.
        #expect(kinds == Set(NotificationKind.allCases))
    }

    /// The same, closing the store half way and carrying on with a new store on its data.
    @Test(arguments: StorePlace.allCases)
    func seededRandomWorkloadAcrossReopen(_ place: StorePlace) async throws {
        let events = RandomWorkload(seed: 42, count: 1_500).events
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        try await compare(events, rules: rules, until: events.last!.at + .days(70), reopenAt: events.count / 2, in: place)
    }

    /// Runs `events` through a store (reopened before event `reopenAt`, when
    /// given) and through a ``Simulation``, and compares everything.
    @discardableResult
    func compare(_ events: [Event], rules: Rules, until: Instant, reopenAt: Int?,
                 in place: StorePlace) async throws -> Set<NotificationKind> {
        let (expected, simulation) = try simulate(events, rules: rules, until: until)

        let placed = try await place.make()
        defer { placed.remove() }
        var store = try await placed.open()
        try await store.seedRoster(rules.roster)
        var actual: [LeadNotification] = []
        let split = reopenAt ?? events.count
        actual += try await StoreTimeline(store: store, rules: rules).apply(events[..<split])
        if reopenAt != nil {
            // No seedRoster here: the daemon would re-apply the files' roster over what events changed,
            // which the simulation, never restarted, does not do.
            store = try await placed.open()
        }
        let timeline = StoreTimeline(store: store, rules: rules)
        actual += try await timeline.apply(events[split...])
        actual += try await timeline.run(until: until)

        #expect(actual.count == expected.count)
        for (i, (a, e)) in zip(actual, expected).enumerated() where a != e {
            Issue.record("notification \(i): store \(a.jsonLine) ≠ simulation \(e.jsonLine)")
            break
        }
        #expect(Set(actual.map(\.id)).count == actual.count, "a notification id was minted twice")

        let leads = try await timeline.allLeads()
        let reference = simulation.world.allLeads
        #expect(leads.count == reference.count)
        for (a, e) in zip(leads, reference) where a != e {
            Issue.record("lead \(e.id) differs:\nstore      \(a)\nsimulation \(e)")
            break
        }
        #expect(try await store.allTimers() == reference.flatMap(\.timers).sorted())

        let team = try await store.team
        #expect(team.members == simulation.world.team.members)
        #expect(team.roundRobin == simulation.world.team.roundRobin)
        #expect(team.nextLeadSeq == simulation.world.team.nextLeadSeq)
        #expect(team.nextRepSeq == simulation.world.team.nextRepSeq)
        // The roster's one GROUP BY counts each rep's leads in cadence as the engine's world does.
        var world = simulation.world
        let roster = try await store.roster()
        #expect(roster.map(\.member) == world.team.members.values.sorted { $0.seq < $1.seq })
        #expect(roster.map(\.leadsInCadence) == roster.map { world.leadsInCadence(of: $0.member.rep.id) })
        #expect(roster.contains { $0.leadsInCadence > 0 } || reference.allSatisfy { !$0.isInCadence })

        let stats = try await store.statistics()
        #expect(stats.outboxByState[.pending] == expected.count * 2)
        #expect(stats.pendingTimers == reference.flatMap(\.timers).count)
        let byStatus = Dictionary(grouping: reference, by: \.status).mapValues(\.count)
        #expect(stats.leadsByStatus == byStatus)
        #expect(stats.events == Int64(events.count))
        // Every notification the workload minted was new: the alert on this count must never fire in normal work.
        #expect(stats.notificationsMintedAgain == 0)
        #expect(try await store.lastAppliedAt() == simulation.now)
        return Set(expected.map(\.kind))
    }
}

/// The batch path must be the one-event-at-a-time path with fewer commits.
@Suite struct BatchTests {
    @Test func aBatchEqualsTheSameEventsOneByOne() async throws {
        let events = RandomWorkload(seed: 7, count: 800).events
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        let until = events.last!.at + .days(40)
        let (expected, simulation) = try simulate(events, rules: rules, until: until)

        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        try await store.seedRoster(rules.roster)
        let engine = Engine(rules: rules)
        var actual: [LeadNotification] = []
        var seqs: [Int64] = []
        for start in stride(from: 0, to: events.count, by: 64) {
            let batch = try await store.advance(through: Array(events[start..<min(start + 64, events.count)]),
                                                source: "test", receivedAt: events[start].at, engine: engine)
            actual += batch.notifications
            seqs += batch.events.map(\.seq)
            #expect(batch.notifications.count == batch.events.reduce(0) { $0 + $1.notifications.count }
                    + batch.timers.reduce(0) { $0 + $1.notifications.count })
        }
        actual += try await StoreTimeline(store: store, rules: rules).run(until: until)
        #expect(actual == expected)
        #expect(seqs == Array(1...Int64(events.count)))
        #expect(try await StoreTimeline(store: store, rules: rules).allLeads() == simulation.world.allLeads)
    }

    /// What the daemon does with a backlog of due timers: several per
    /// transaction. The store's world must carry a lead changed by one timer
    /// into the next timer of the same transaction, on both stores.
    @Test(arguments: StorePlace.allCases)
    func timersFiredManyPerTransactionEqualTheSimulation(_ place: StorePlace) async throws {
        let events = RandomWorkload(seed: 11, count: 600).events
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        let until = events.last!.at + .days(40)
        let (expected, simulation) = try simulate(events, rules: rules, until: until)

        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await placed.open()
        try await store.seedRoster(rules.roster)
        let engine = Engine(rules: rules)
        var actual: [LeadNotification] = []
        var largest = 0
        func fireDue(by limit: Instant, inclusive: Bool) async throws {
            while true {
                let fired = try await store.fireDueTimers(atMost: 16, dueBy: limit, inclusive: inclusive, engine: engine)
                guard !fired.isEmpty else { return }
                largest = max(largest, fired.count)
                actual += fired.flatMap(\.notifications)
            }
        }
        for event in events {
            // Every timer due strictly before the event, 16 per transaction, then the event alone.
            try await fireDue(by: event.at, inclusive: false)
            actual += try await store.advance(through: [event], source: "test", receivedAt: event.at, engine: engine).notifications
        }
        try await fireDue(by: until, inclusive: true)
        #expect(largest == 16, "the workload must leave backlogs longer than one transaction's share")
        #expect(actual == expected)
        #expect(try await StoreTimeline(store: store, rules: rules).allLeads() == simulation.world.allLeads)
        #expect(try await store.allTimers() == simulation.world.allLeads.flatMap(\.timers).sorted())
        #expect(try await store.lastAppliedAt() == simulation.now)
        // Each timer's notifications reached the outbox, one row per receiver.
        #expect(try await store.statistics().outboxByState[.pending] == expected.count * 2)
    }

    @Test func aBadEventRollsTheWholeBatchBack() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let engine = Engine(rules: DefaultRules.make())
        let batch = [upsert("2026-11-24T19:00:00Z", "alice"), capture("2026-11-24T20:00:00Z", "L1"),
                     touch("2026-11-24T20:10:00Z", "L2", by: "alice")]
        await #expect(throws: EventBatchError(index: 2, error: Diagnostic(field: "lead", message: "unknown lead \"L2\""))) {
            _ = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:10:00Z"), engine: engine)
        }
        #expect(try await store.statistics().events == 0)
        #expect(try await store.lead("L1") == nil)
        #expect(try await store.rep("alice") == nil)
        #expect(try await store.lastAppliedAt() == nil)
    }

    /// A batch asks for the earliest timer only when one can be due; a timer
    /// written by an earlier event of the same batch still fires in its place.
    @Test func aTimerWrittenEarlierInTheBatchFiresBeforeALaterEvent() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
        let engine = Engine(rules: DefaultRules.make())
        // Tuesday 15:00 in New York: L1's first touch is due by 20:05Z; L2 comes at 20:10Z.
        let batch = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice"),
                                                      capture("2026-11-24T20:00:00Z", "L1", owner: "alice"),
                                                      capture("2026-11-24T20:00:00Z", "L3", owner: "alice"),
                                                      capture("2026-11-24T20:10:00Z", "L2", owner: "alice")],
                                            source: "test", receivedAt: at("2026-11-24T20:10:00Z"), engine: engine)
        let fired = batch.timers.map { "\($0.timer.lead) \(RFC3339.format($0.timer.at))" }
        #expect(fired.contains("L1 2026-11-24T20:05:00Z") && fired.contains("L3 2026-11-24T20:05:00Z"), "\(fired)")
        #expect(batch.notifications.map(\.id).contains("L1:sla.breached:1:1"))
        let one = try await store.advance(through: [capture("2026-11-24T20:10:00Z", "L4", owner: "alice")],
                                          source: "test", receivedAt: at("2026-11-24T20:10:00Z"), engine: engine)
        #expect(one.timers.isEmpty, "nothing else was due before 20:10")
    }

    /// Lead counts equal a GROUP BY of the rows after any batches, including one
    /// that captures leads and, after a timer fired between, engages some of
    /// them: the status change used to be counted by a trigger that found no
    /// `open` tally yet (the capture's count is written at commit), so
    /// `status` showed the engaged leads as open too.
    @Test(arguments: StorePlace.allCases)
    func leadCountsEqualTheRowsAfterABatchThatCapturesAndEngages(_ place: StorePlace) async throws {
        let placed = try await place.make()
        defer { placed.remove() }
        let store = try await placed.open()
        let engine = Engine(rules: DefaultRules.make())
        var batch = [upsert("2026-11-24T19:00:00Z", "alice")]
        batch += (1...30).map { capture("2026-11-24T20:00:00Z", "L\($0)", owner: "alice") }
        batch += (1...7).map { touch("2026-11-24T21:00:00Z", "L\($0)", by: "alice", .connected) }
        batch.append(event("2026-11-24T21:00:00Z", .leadStatus(lead: "L8", .won)))
        _ = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T21:00:00Z"), engine: engine)
        _ = try await store.advance(through: [touch("2026-11-24T21:30:00Z", "L9", by: "alice", .replied)], source: "test",
                                    receivedAt: at("2026-11-24T21:30:00Z"), engine: engine)
        let rows = try placed.strings("SELECT status || '=' || count(*) FROM leads GROUP BY status ORDER BY status")
        let counted = try await store.statistics().leadsByStatus.filter { $0.value != 0 }
            .map { "\($0.key.rawValue)=\($0.value)" }.sorted()
        #expect(counted == rows)
        #expect(rows == ["engaged=8", "open=21", "won=1"])
    }

    /// SQLite refusing a write (here a trigger; in life a full disk) is an
    /// error naming the cause, the batch rolls back whole, and the store goes on.
    @Test func aWriteSQLiteRefusesRollsTheBatchBackAndSaysWhy() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
        let engine = Engine(rules: DefaultRules.make())
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice")], source: "test",
                                    receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        try RawSQL.execute("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'no room for L2'); END",
                           onFileAt: path)
        let batch = [capture("2026-11-24T20:00:00Z", "L1", owner: "alice"), capture("2026-11-24T20:00:00Z", "L2", owner: "alice")]
        await #expect { _ = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine) }
            throws: { "\($0)".contains("no room for L2") }
        #expect(try await store.statistics().events == 1)
        #expect(try await store.lead("L1") == nil)
        #expect(try await store.allTimers().isEmpty)
        try RawSQL.execute("DROP TRIGGER refuse", onFileAt: path)
        let applied = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine)
        #expect(applied.notifications.map(\.id) == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1"])
        #expect(try await store.statistics().events == 3)
    }
}
