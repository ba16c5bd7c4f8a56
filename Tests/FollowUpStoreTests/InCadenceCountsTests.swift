import Testing
import FollowUpCore
import FollowUpReports
import FollowUpStore
import FollowUpTestSupport

/// Reports' team load and the roster's load come from counts the store keeps
/// in memory (``InCadenceCounts``), changed by each write. Over a seeded random
/// history written in batches, with timers firing, an erasure and a re-plan
/// under other rules in between, they must always equal a count of the file's
/// `in_cadence` rows. Each check reads them before the next write, so the
/// writes meet kept counts: a write that counted a lead in or out wrongly
/// shows up at the next check.
@Suite struct InCadenceCountsTests {
    @Test(arguments: [3, 4] as [UInt64])
    func keptCountsEqualTheFilesCount(_ seed: UInt64) async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let store = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        var rules = DefaultRules.make(roster: RandomWorkload.roster)
        try await store.seedRoster(rules.roster)
        let events = RandomWorkload(seed: seed, count: 700).events
        var generator = SeededGenerator(seed: seed)
        var next = 0
        var checks = 0
        while next < events.count {
            let size = min(Int.random(in: 1...80, using: &generator), events.count - next)
            let batch = Array(events[next..<(next + size)])
            next += size
            _ = try await store.advance(through: batch, source: "test", receivedAt: batch.last!.at, engine: Engine(rules: rules))
            while try await store.fireNextTimer(dueBy: batch.last!.at, inclusive: true, engine: Engine(rules: rules)) != nil {}
            try await expectCounted(store, path)
            checks += 1
            // A lead no later event names (events naming an erased lead are refused).
            let named = Set(events[next...].compactMap(\.lead))
            if checks == 3, let lead = try anyLeadInCadence(path, except: named) {
                #expect(try await store.erase(lead, at: batch.last!.at) != nil)
                try await expectCounted(store, path)
            }
            if checks == 6 {
                var shorter = DefaultRules.make(autoAcknowledge: true, roster: RandomWorkload.roster, followThrough: .shipped)
                shorter.version = "after"
                _ = try await store.putInForce(engine: Engine(rules: shorter), previous: rules, roster: shorter.roster, progress: {})
                rules = shorter
                try await expectCounted(store, path)
            }
        }
        #expect(checks > 6)
        let last = events.last!.at + .days(30)
        while try await store.fireNextTimer(dueBy: last, inclusive: true, engine: Engine(rules: rules)) != nil {}
        try await expectCounted(store, path)
    }

    private func expectCounted(_ store: SQLiteLeadStore, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let teams = try RawSQL.strings("""
            SELECT coalesce(team, '(none)') || '=' || count(*) FROM leads WHERE in_cadence = 1 GROUP BY team ORDER BY team
            """, onFileAt: path)
        #expect(try await store.teamLoad().map { "\($0.label)=\($0.count)" } == teams, sourceLocation: sourceLocation)
        let owners = try RawSQL.strings("""
            SELECT owner || '=' || count(*) FROM leads WHERE in_cadence = 1 AND owner IS NOT NULL GROUP BY owner ORDER BY owner
            """, onFileAt: path)
        let roster = try await store.roster().filter { $0.leadsInCadence > 0 }.map { "\($0.member.rep.id)=\($0.leadsInCadence)" }
        // Owners the roster does not know (left the files) are not on it; the ones it knows must agree.
        let known = Set(try await store.roster().map(\.member.rep.id))
        #expect(roster.sorted() == owners.filter { known.contains(String($0.prefix { $0 != "=" })) }.sorted(), sourceLocation: sourceLocation)
    }

    private func anyLeadInCadence(_ path: String, except named: Set<LeadID>) throws -> LeadID? {
        try RawSQL.strings("SELECT id FROM leads WHERE in_cadence = 1 ORDER BY seq", onFileAt: path).first { !named.contains($0) }
    }
}
