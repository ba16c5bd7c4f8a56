import FollowUpCore
import FollowUpDaemon
import FollowUpPostgres
import FollowUpTestSupport
import Foundation
import Logging
import Testing

/// The daemon's ingest path on a real PostgreSQL store: a request's leads are
/// read in one statement, so a batch of 100 costs a handful of round trips.
/// Group commit once wrote without naming them, and every event paid two
/// round trips (its lead, the erased check): 899 events/s instead of thousands.
@Suite struct PostgresIngestTests {
    @Test func aRequestOfAHundredCapturesIsAHandfulOfStatements() async throws {
        let cluster = try await PostgresCluster.shared()
        let (_, url) = try cluster.makeDatabase()
        let rules = DefaultRules.make(roster: [Rep(id: "r0", name: "R0", team: "sales")])
        let store = try PostgresLeadStore(url: url, routing: { _, _ in ["log"] })
        try await store.open()
        do {
            try await store.seedRoster(rules.roster)
            var logger = Logger(label: "followupd.pg-ingest.test")
            logger.logLevel = .warning
            let start = at("2026-11-24T15:00:00Z")
            let timeline = try await Timeline(store: store, engine: Engine(rules: rules), clock: ManualClock(start: start),
                                              delivery: Wakeup(), metrics: DaemonMetrics(), logger: logger)
            let captures = (0..<100).map { i in
                PendingEvent(event: Event(at: start, body: .leadCaptured(LeadProfile(id: "L\(i)", source: "web_form",
                                                                                     email: "l\(i)@example.test"))),
                             hasTime: false)
            }
            let accepted = try await timeline.submit(captures, source: "test")
            #expect(accepted.count == 100)
            #expect(store.lastWriteStatements <= 12, "a request of 100 captures took \(store.lastWriteStatements) statements")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
