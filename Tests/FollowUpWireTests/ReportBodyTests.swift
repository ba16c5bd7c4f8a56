import FollowUpCore
import FollowUpFormats
@testable import FollowUpWire
import Testing

/// `GET /v1/report`.
@Suite struct ReportBodyTests {
    static func row(_ key: String, percent: String?) -> GroupFiguresBody {
        GroupFiguresBody(
            key: key, leads: 8, slaMet: 6, slaMissed: 1, slaPending: 1, slaMetPercent: percent, speedToLeadMedianSeconds: 240,
            speedToLeadP90Seconds: nil, neverTouched: 1, touches: 20, touchesPerLead: "2.50", droppedAfterOneTouch: 2,
            cadencesCompleted: 3, breaches: 1, engaged: 2, won: 1, lost: 1, snoozedNow: 0, breachesRepeated: 0,
            movedAfterBreaches: 0, checkInsSent: 2, checkInsAnswered: 1, checkInsAnsweredPercent: "50.0", hotSignals: 1,
            offered: 8, accepted: 7, acceptancePercent: "87.5", timeToAcceptMedianSeconds: 95, declines: 1,
            movedByDeactivation: 0, merges: 0)
    }

    @Test func reportRoundTrips() throws {
        let source = SourceReturnBody(source: "web_form", leads: 8, won: 1, lost: 1, conversionPercent: "12.5",
                                      revenue: "5000.00", wonWithValue: 1, cost: "1200.00", costPerLead: "150.00",
                                      costPerWin: "1200.00", roi: "3.17")
        let free = SourceReturnBody(source: "referral", leads: 0, won: 0, lost: 0, conversionPercent: nil, revenue: "0.00",
                                    wonWithValue: 0, cost: nil, costPerLead: nil, costPerWin: nil, roi: nil)
        try expectRoundTrip(ReportBody(
            window: ReportWindowBody(since: at(), until: nil, asOf: at(9_000), by: "source"),
            total: Self.row("(total)", percent: "85.7"),
            groups: [Self.row("web_form", percent: "85.7"), Self.row("referral", percent: nil)], sources: [source, free],
            speedToLead: [ReportBucketBody(label: "<5m", count: 6)], touchesPerLead: [ReportBucketBody(label: "2", count: 3)],
            weeks: [ReportWeekBody(week: "2026-11-23", slaMet: 6, slaMissed: 1, slaMetPercent: "85.7")],
            breachesByRep: [ReportBucketBody(label: "alice", count: 1)],
            teamLoad: [TeamLoadBody(team: "every lead", leadsInCadence: 4)]))
    }

    /// The table's columns and the CSV header name members through `Member`, whose names are the ones written.
    @Test func eachMemberIsWrittenUnderItsName() throws {
        let row = Self.row("web_form", percent: "85.7")
        let written = try #require(try JSONParser.parse(String(decoding: row.jsonBytes, as: UTF8.self)).objectMembers)
        #expect(written.map(\.key) == GroupFiguresBody.Member.allCases.map(\.rawValue))
        for member in GroupFiguresBody.Member.allCases {
            let value = written.first { $0.key == member.rawValue }?.value
            switch value {
            case .string(let text)?, .number(let text)?: #expect(row.text(member) == text, "\(member)")
            default: #expect(row.text(member) == nil, "\(member)")
            }
        }
    }
}

private extension JSONValue {
    var objectMembers: [JSONObject.Member]? {
        if case .object(let object) = self { return object.members }
        return nil
    }
}
