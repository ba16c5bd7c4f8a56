import FollowUpCore
import FollowUpTestSupport
import Testing

/// "Overdue", the one rule the API, the dashboard, the calendar and the store's filter share.
@Suite struct OverdueTests {
    static let deadline = at("2026-11-24T20:05:00Z")

    static func lead(status: LeadStatus = .open, step: Bool = true, snoozedUntil: Instant? = nil) -> LeadState {
        LeadState(profile: LeadProfile(id: "L1", source: "web_form", email: "x@lead.test", owner: "alice"), seq: 1,
                  capturedAt: at("2026-11-24T20:00:00Z"), priority: "high", policy: "default", triageRule: "high",
                  score: 0, team: "sales", owner: "alice", status: status,
                  step: step ? OpenStep(number: 1, due: at("2026-11-24T20:00:00Z"), deadline: deadline, dueNotified: true,
                                        openedAt: at("2026-11-24T20:00:00Z")) : nil,
                  snoozedUntil: snoozedUntil)
    }

    @Test func theDeadlineItselfIsOnTimeTheNextSecondIsOverdue() {
        #expect(!Self.lead().isOverdue(at: at("2026-11-24T20:04:59Z")))
        #expect(!Self.lead().isOverdue(at: Self.deadline), "a touch exactly at the deadline is on time")
        #expect(Self.lead().isOverdue(at: at("2026-11-24T20:05:01Z")))
    }

    @Test func onlyAnOpenAwakeLeadWithAStepCanBeOverdue() {
        let late = at("2026-11-25T20:00:00Z")
        #expect(!Self.lead(snoozedUntil: at("2026-12-01T15:00:00Z")).isOverdue(at: late), "snoozed: not until it wakes")
        #expect(!Self.lead(status: .engaged).isOverdue(at: late))
        #expect(!Self.lead(status: .won).isOverdue(at: late))
        #expect(!Self.lead(step: false).isOverdue(at: late))
    }
}
