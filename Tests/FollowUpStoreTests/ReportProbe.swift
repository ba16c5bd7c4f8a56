import Foundation
import Testing
import FollowUpCore
import FollowUpReports
import FollowUpStore
import FollowUpTestSupport

/// Prints what a report costs on a copy of a real store, both ways: the full
/// scan (`reportFacts` and the figures from facts) against the kept rows
/// (`reportContributions` and the figures from them) against the group rows
/// (`reportGroups`, v17, and the figures from them). Nothing is asserted
/// about time; it runs only when asked, on a file `scripts/bench-report --keep` left:
/// `FOLLOWUP_REPORT_PROBE=/tmp/followupd-bench-report-…/state.sqlite swift test --filter ReportProbe`.
@Suite struct ReportProbe {
    static let path = ProcessInfo.processInfo.environment["FOLLOWUP_REPORT_PROBE"] ?? ""

    @Test(.enabled(if: !path.isEmpty))
    func scanAgainstKeptRows() async throws {
        let store = try SQLiteLeadStore(path: Self.path, receivers: testReceivers)
        var rules = DefaultRules.make()
        // The rows' own version, so the probe reads them rather than refilling them under the test rules.
        rules.version = try RawSQL.strings("SELECT value FROM meta WHERE key = 'report.rules'", onFileAt: Self.path).first ?? "probe"
        let now = try #require(try await store.lastAppliedAt())
        let clock = ContinuousClock()
        for run in 1...3 {
            var facts: [LeadFacts] = []
            let read = try await clock.measure { facts = try await store.reportFacts(capturedSince: nil, before: nil) }
            let figures = clock.measure { _ = Report.make(facts: facts, rules: rules, grouping: .team, window: ReportWindow(), asOf: now) }
            var kept: [LeadContribution] = []
            let readKept = try await clock.measure {
                kept = try #require(try await store.reportContributions(capturedSince: nil, before: nil, rules: rules))
            }
            let figuresKept = clock.measure { _ = Report.make(contributions: kept, grouping: .team, window: ReportWindow(), asOf: now) }
            var groups: ReportGroups?
            let readGroups = try await clock.measure {
                groups = try await store.reportGroups(window: ReportWindow(), asOf: now, reading: ReportDimension.read(by: .team),
                                                     percentilesBy: [.all, .team], rules: rules)
            }
            let figuresGroups = clock.measure {
                _ = Report.make(groups: groups!, grouping: .team, window: ReportWindow(), asOf: now)
            }
            // Not day-aligned (since 30 days back from now): two edge days read lead by lead.
            let month = ReportWindow(since: now - .days(30))
            let readMonth = try await clock.measure {
                groups = try await store.reportGroups(window: month, asOf: now, reading: ReportDimension.read(by: .rep),
                                                     percentilesBy: [.all, .rep], rules: rules)
            }
            print("report probe run \(run), \(facts.count) leads: scan \(read) + figures \(figures); "
                  + "kept rows \(readKept) + figures \(figuresKept); group rows \(readGroups) + figures \(figuresGroups); "
                  + "group rows since 30d by rep \(readMonth)")
        }
    }
}
