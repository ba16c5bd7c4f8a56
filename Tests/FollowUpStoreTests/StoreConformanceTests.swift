import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpPostgres
import FollowUpTestSupport

/// What every ``LeadStore`` must do, through the port alone, run against the
/// SQLite store, the PostgreSQL store (a throwaway cluster, ``PostgresCluster``)
/// and the in-memory one: the core's timeline decides, the store
/// keeps, so both give the simulation's notifications, roll a bad batch back
/// whole, and put rules in force all or nothing.
@Suite struct StoreConformanceTests {
    enum Kind: String, CaseIterable, CustomStringConvertible {
        case sqlite, postgres, memory
        var description: String { rawValue }
    }

    /// A fresh store of `kind`, and what removes it.
    static func make(_ kind: Kind, roster: [Rep]) async throws -> (any LeadStore, () -> Void) {
        switch kind {
        case .memory:
            return (MemoryLeadStore(roster: roster, receivers: testReceivers), {})
        case .sqlite:
            let dir = try TempDirectory()
            let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), receivers: testReceivers)
            try await store.seedRoster(roster)
            return (store, dir.remove)
        case .postgres:
            let store = try PostgresLeadStore(url: try await PostgresCluster.shared().makeDatabase().url,
                                              routing: { notification, _ in testReceivers(notification) })
            try await store.open()
            try await store.seedRoster(roster)
            return (store, { Task { try? await store.close() } })
        }
    }

    @Test(arguments: Kind.allCases)
    func batchesAndTimersGiveTheSimulationsNotifications(_ kind: Kind) async throws {
        let events = RandomWorkload(seed: 11, count: 600).events
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        let until = events.last!.at + .days(40)
        let (expected, simulation) = try simulate(events, rules: rules, until: until)
        let (store, remove) = try await Self.make(kind, roster: rules.roster)
        defer { remove() }
        let engine = Engine(rules: rules)
        var actual: [LeadNotification] = []
        var rest = events[...]
        var size = 1
        while !rest.isEmpty {
            // Batches of 1, 2, 3 … events: the order must not depend on where requests split.
            let batch = Array(rest.prefix(size))
            rest = rest.dropFirst(size)
            size = size % 7 + 1
            actual += try await store.advance(through: batch, source: "test", receivedAt: batch[0].at, engine: engine).notifications
        }
        while let fired = try await store.fireNextTimer(dueBy: until, inclusive: true, engine: engine) {
            actual += fired.notifications
        }
        #expect(actual.count == expected.count)
        #expect(actual == expected)
        let left = try await store.nextTimer()
        #expect(left == nil || left!.at > until)
        #expect(try await store.lastAppliedAt() == simulation.now)
    }

    @Test(arguments: Kind.allCases)
    func aBadEventRollsItsBatchBackWhole(_ kind: Kind) async throws {
        let rules = DefaultRules.make()
        let (store, remove) = try await Self.make(kind, roster: rules.roster)
        defer { remove() }
        let engine = Engine(rules: rules)
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice")], source: "test",
                                    receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        let bad = [capture("2026-11-24T20:00:00Z", "L1", owner: "alice"), touch("2026-11-24T20:01:00Z", "L9", by: "alice")]
        await #expect(throws: EventBatchError(index: 1, error: Diagnostic(field: "lead", message: "unknown lead \"L9\""))) {
            try await store.advance(through: bad, source: "test", receivedAt: at("2026-11-24T20:01:00Z"), engine: engine)
        }
        #expect(try await store.lastAppliedAt() == at("2026-11-24T19:00:00Z"))
        #expect(try await store.nextTimer() == nil, "the rolled-back capture left a timer")
        // The same capture again mints the ids the rolled-back one would have.
        let good = try await store.advance(through: [bad[0]], source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine)
        #expect(good.notifications.map(\.id) == ["L1:lead.assigned:1:1"])
        #expect(good.events.map(\.seq) == [2])
    }

    @Test(arguments: Kind.allCases)
    func rulesArePutInForceWithTheirRoster(_ kind: Kind) async throws {
        let rules = DefaultRules.make()
        let (store, remove) = try await Self.make(kind, roster: rules.roster)
        defer { remove() }
        let engine = Engine(rules: rules)
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice"),
                                              capture("2026-11-24T20:00:00Z", "L1", owner: "alice")],
                                    source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine)
        var slower = DefaultRules.make()
        slower.priorities = slower.priorities.map { $0.name == "high" ? PriorityTier(name: "high", firstTouch: .minutes(10)) : $0 }
        let preview = try await store.previewReplan(engine: Engine(rules: slower), previous: rules, keep: 5)
        #expect(preview.movedCount == 1)
        #expect(try await store.nextTimer()?.at == at("2026-11-24T20:05:00Z"), "a preview changed nothing")
        let report = try await store.putInForce(engine: Engine(rules: slower), previous: rules,
                                                roster: [Rep(id: "zed", team: "sales")], progress: {})
        #expect(report.movedCount == 1)
        #expect(try await store.nextTimer()?.at == at("2026-11-24T20:10:00Z"))
        // zed joined: an event naming zed is accepted.
        _ = try await store.advance(through: [event("2026-11-24T20:02:00Z", .repAvailability(rep: "zed", Availability(available: false)))],
                                    source: "test", receivedAt: at("2026-11-24T20:02:00Z"), engine: Engine(rules: slower))
    }
}
