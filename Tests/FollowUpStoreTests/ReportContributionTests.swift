import Foundation
import Testing
import FollowUpCore
import FollowUpReports
import FollowUpFormats
import FollowUpStore
import FollowUpTestSupport

/// Reports read each lead's kept contribution (`report_leads`, v16) instead of
/// scanning the event log and the outbox: over seeded random histories fed to
/// a real SQLite file in batches, the report from the kept rows must equal the
/// report recomputed from the full scan (today's path, the reference) for
/// every grouping, best time to call, several windows and several instants.
@Suite struct ReportContributionTests {
    static let groupings = ReportGrouping.allCases

    @Test(arguments: [11, 12, 13] as [UInt64])
    func keptContributionsGiveTheScannedReport(_ seed: UInt64) async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteLeadStore(path: dir.path("state.sqlite"), routing: { notification, _ in testReceivers(notification) })
        var followThrough = FollowThrough.shipped
        if seed == 13 { followThrough.acceptWithin = .minutes(3) }
        let rules = DefaultRules.make(autoAcknowledge: seed == 12, roster: RandomWorkload.roster, followThrough: followThrough)
        let engine = Engine(rules: rules)
        try await store.seedRoster(rules.roster)
        // Adopted before the first write: every later transaction keeps the rows.
        #expect(try await store.reportContributions(capturedSince: nil, before: nil, rules: rules) == [])

        let events = RandomWorkload(seed: seed, count: 900).events
        var generator = SeededGenerator(seed: seed)
        var next = 0
        while next < events.count {
            // Batches of 1 to 120 events, each one transaction with the timers due inside it.
            let size = min(Int.random(in: 1...120, using: &generator), events.count - next)
            let batch = Array(events[next..<(next + size)])
            next += size
            _ = try await store.advance(through: batch, source: "test", receivedAt: batch.last!.at, engine: engine)
            if Int.random(in: 0..<3, using: &generator) == 0 {
                try await compare(store, rules: rules, at: batch.last!.at)
            }
        }
        let last = events.last!.at
        // Timers firing on their own (breaches, repeats, check-ins, wake-ups), then the figures over time.
        for hours in [1, 30, 24 * 20] as [Int64] {
            // Before the timers due by then fire too: deadlines passed with no write yet.
            try await compare(store, rules: rules, at: last + .hours(hours))
            let until = last + .hours(hours)
            while try await store.fireNextTimer(dueBy: until, inclusive: true, engine: engine) != nil {}
            try await compare(store, rules: rules, at: until)
        }
    }

    /// An upgraded file, or one written while nobody kept the rows: the
    /// first report fills them from the full scan.
    @Test func aFileWrittenWithoutKeptRowsIsFilledByTheFirstReport() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        let engine = Engine(rules: rules)
        let events = RandomWorkload(seed: 5, count: 400).events
        let first = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        try await first.seedRoster(rules.roster)
        _ = try await first.reportContributions(capturedSince: nil, before: nil, rules: rules)
        _ = try await first.advance(through: Array(events[..<200]), source: "test", receivedAt: events[199].at, engine: engine)
        // Another process (no report asked, so no rules kept) writes on: its writes invalidate the rows.
        let second = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        _ = try await second.advance(through: Array(events[200...]), source: "test", receivedAt: events.last!.at, engine: engine)
        try await compare(first, rules: rules, at: events.last!.at + .hours(2))
        try await compare(second, rules: rules, at: events.last!.at + .hours(2))
    }

    /// A file whose bins were filed before the total, teams and priorities
    /// counted in fine bins and before weekly sums (v17): `v18-report-fine-bins`
    /// adds the weekly table and makes the next report refill every bin. Here
    /// the old bins are simply gone, which the percentiles cannot miss: without
    /// the refill the report fails or differs.
    @Test func aFileWithBinsFiledBeforeV18IsRefilled() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let rules = DefaultRules.make(roster: RandomWorkload.roster)
        let events = RandomWorkload(seed: 8, count: 400).events
        let store = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        try await store.seedRoster(rules.roster)
        try await store.keepReportContributions(under: rules)
        _ = try await store.advance(through: events, source: "test", receivedAt: events.last!.at, engine: Engine(rules: rules))
        try RawSQL.execute("""
            DELETE FROM report_bins WHERE dim IN ('all', 'team', 'priority');
            DELETE FROM report_values WHERE dim IN ('all', 'team', 'priority');
            DROP TABLE report_bins_weekly;
            DELETE FROM grdb_migrations WHERE identifier = 'v18-report-fine-bins';
            """, onFileAt: path)
        let reopened = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        try await compare(reopened, rules: rules, at: events.last!.at + .hours(2))
    }

    /// A reload puts other rules in force: the rows are refilled under them in
    /// the reload's own transaction, and kept under them by the writes that follow.
    @Test func aReloadRefillsTheRowsUnderTheNewRules() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        var rules = DefaultRules.make(roster: RandomWorkload.roster)
        rules.version = "before"
        var next = DefaultRules.make(autoAcknowledge: true, roster: RandomWorkload.roster, followThrough: .shipped)
        next.version = "after"
        let events = RandomWorkload(seed: 21, count: 600).events
        let store = try SQLiteLeadStore(path: path, routing: { notification, _ in testReceivers(notification) })
        try await store.seedRoster(rules.roster)
        try await store.keepReportContributions(under: rules)
        _ = try await store.advance(through: Array(events[..<300]), source: "test", receivedAt: events[299].at, engine: Engine(rules: rules))
        _ = try await store.putInForce(engine: Engine(rules: next), previous: rules, roster: next.roster, progress: {})
        #expect(try RawSQL.strings("SELECT value FROM meta WHERE key = 'report.rules'", onFileAt: path) == ["after"])
        _ = try await store.advance(through: Array(events[300...]), source: "test", receivedAt: events.last!.at, engine: Engine(rules: next))
        try await compare(store, rules: next, at: events.last!.at + .hours(3))
    }

    /// The report from kept rows equals the scanned one, for every grouping and a few windows, as of `now`.
    private func compare(_ store: SQLiteLeadStore, rules: Rules, at now: Instant,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let day: Int64 = 86_400
        let midnight = Instant(secondsSinceEpoch: now.secondsSinceEpoch / day * day)
        let windows = [
            ReportWindow(),
            ReportWindow(since: midnight - .days(3), until: midnight),
            // Long enough to hold whole weeks (read from the weekly bin sums, v18) and days around them.
            ReportWindow(since: midnight - .days(16), until: midnight),
            ReportWindow(since: now - .days(12) - .hours(5), until: midnight - .days(1)),
            // Not day-aligned: the window starts and ends mid-day.
            ReportWindow(since: now - .hours(50), until: now - .minutes(90)),
            // Inside one day (no whole day: lead by lead), and open at one end.
            ReportWindow(since: midnight - .hours(20), until: midnight - .hours(3)),
            ReportWindow(since: now - .hours(30)),
            ReportWindow(until: now - .hours(7)),
        ]
        let costs = ["web_form": Amount(cents: 120_000)]
        for window in windows {
            let facts = try await store.reportFacts(capturedSince: window.since, before: window.until)
            let kept = try #require(try await store.reportContributions(capturedSince: window.since, before: window.until, rules: rules),
                                    sourceLocation: sourceLocation)
            for grouping in Self.groupings {
                let scanned = Report.make(facts: facts, rules: rules, grouping: grouping, window: window, asOf: now, sourceCosts: costs)
                let fromRows = Report.make(contributions: kept, grouping: grouping, window: window, asOf: now, sourceCosts: costs)
                #expect(fromRows == scanned, "by \(grouping), \(window), as of \(now)", sourceLocation: sourceLocation)
                // The group rows (v17): O(groups) rows, the same report.
                let groups = try #require(try await store.reportGroups(window: window, asOf: now, reading: ReportDimension.read(by: grouping),
                                                                       percentilesBy: [.all, ReportDimension(grouping)], rules: rules),
                                          sourceLocation: sourceLocation)
                let fromGroups = Report.make(groups: groups, grouping: grouping, window: window, asOf: now, sourceCosts: costs)
                #expect(fromGroups == scanned, "groups by \(grouping), \(window), as of \(now)", sourceLocation: sourceLocation)
            }
            #expect(CallHours.make(contributions: kept, rules: rules) == CallHours.make(facts: facts, rules: rules),
                    "by hour, \(window)", sourceLocation: sourceLocation)
            let groups = try #require(try await store.reportGroups(window: window, asOf: now, reading: ReportDimension.readByHour,
                                                                   percentilesBy: [], rules: rules),
                                      sourceLocation: sourceLocation)
            #expect(CallHours.make(groups: groups, rules: rules) == CallHours.make(facts: facts, rules: rules),
                    "groups by hour, \(window)", sourceLocation: sourceLocation)
        }
    }
}
