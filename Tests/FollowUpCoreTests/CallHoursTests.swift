import FollowUpCore
import FollowUpFormats
@testable import FollowUpReports
import FollowUpTestSupport
import Testing

/// Best time to call (issue 15): calls placed on the lead's local clock (its
/// zone, else its policy calendar's), connect rate per weekday × hour, and
/// which hours the default policy's call windows cover.
@Suite struct CallHoursTests {
    static let rules = DefaultRules.make()

    static func facts(_ id: String, zone: String?, status: LeadStatus = .open, _ touches: [TouchFact]) -> LeadFacts {
        var profile = LeadProfile(id: id, source: "web_form")
        profile.timezone = zone
        var lead = LeadState(profile: profile, seq: 1, capturedAt: at("2026-12-07T12:00:00Z"), priority: "medium",
                             policy: "default", triageRule: "default", score: 0, team: "sales", owner: "alice")
        lead.status = status
        return LeadFacts(lead: lead, touches: touches, notices: [])
    }

    static func call(_ time: String, _ outcome: Outcome, channel: Channel = .call) -> TouchFact {
        TouchFact(at: at(time), rep: "alice", outcome: outcome, channel: channel)
    }

    @Test func callsAreCountedOnTheLeadsClock() {
        let hours = CallHours.make(facts: [
            // Berlin: 16:30 and 16:45 on a Wednesday, in the best window; the email is no call.
            Self.facts("L1", zone: "Europe/Berlin", [
                Self.call("2026-12-09T15:30:00Z", .connected), Self.call("2026-12-09T15:45:00Z", .noAnswer),
                Self.call("2026-12-09T15:50:00Z", .replied, channel: .email),
            ]),
            // No zone: the calendar's (New York): Wednesday 10:30, Monday 07:45 (the morning window).
            Self.facts("L2", zone: nil, [Self.call("2026-12-09T15:30:00Z", .meeting), Self.call("2026-12-07T12:45:00Z", .voicemail)]),
            // Merged away: its calls are the survivor's story, not counted twice.
            Self.facts("L3", zone: nil, status: .merged, [Self.call("2026-12-09T15:30:00Z", .connected)]),
        ], rules: Self.rules)
        #expect(hours.cells == [
            CallHours.Cell(weekday: .monday, hour: 7, calls: 1, connects: 0, window: "morning"),
            CallHours.Cell(weekday: .wednesday, hour: 10, calls: 1, connects: 1, window: nil),
            CallHours.Cell(weekday: .wednesday, hour: 16, calls: 2, connects: 1, window: "best"),
        ])
        #expect(hours.calls == 4 && hours.connects == 2 && hours.rate.percentText == "50.0")
        #expect(hours.windows.map(\.name) == ["best", "afternoon", "morning"])
    }

    @Test func noCallsIsNoDivisionByZero() {
        let hours = CallHours.make(facts: [Self.facts("L1", zone: nil, [])], rules: Self.rules)
        #expect(hours.cells.isEmpty && hours.rate.percentText == nil)
        var w = JSONWriter()
        hours.writeJSON(window: ReportWindow(), asOf: at("2026-12-09T00:00:00Z"), to: &w)
        #expect(w.text.contains(#""calls":0,"connects":0,"connect_percent":null,"cells":[]"#), "\(w.text)")
    }

    @Test func aWindowCoversTheHoursItOverlaps() {
        let windows = Self.rules.readerPolicy!.callWindows.ranks
        #expect(CallHours.rank(of: windows, on: .tuesday, hour: 8) == "morning", "07:30–08:30 overlaps 08:00–09:00")
        #expect(CallHours.rank(of: windows, on: .tuesday, hour: 9) == nil)
        #expect(CallHours.rank(of: windows, on: .thursday, hour: 16) == "best")
        #expect(CallHours.rank(of: windows, on: .saturday, hour: 16) == nil)
    }
}
