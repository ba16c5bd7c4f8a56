import FollowUpCore
import FollowUpRules
import Testing
import FollowUpTestSupport

/// The files in `etc/followup/rules.d` must encode DESIGN.md's default policy exactly.
@Suite struct ShippedRulesTests {
    let loaded: LoadedRules

    init() throws {
        loaded = try RuleSet.load(directory: RuleFixtures.shippedDirectory())
    }

    var rules: Rules { loaded.rules }

    @Test func loadsFourFilesWithoutNotes() {
        #expect(loaded.files.map { $0.split(separator: "/").last.map(String.init) ?? "" }
                == ["10-calendars.yaml", "20-priorities.yaml", "30-cadence.yaml", "40-routing.yaml"])
        #expect(loaded.notes.isEmpty)
        #expect(loaded.summary.hasPrefix(
            "rules OK: 4 files, 1 calendar, 4 priorities, 4 triage rules, 1 policy (5 steps), 0 reps, "
                + "fallback sales-manager, version "))
        #expect(rules.version.count == 8 && rules.version.allSatisfy(\.isHexDigit))
        #expect(loaded.summary.hasSuffix(rules.version))
    }

    @Test func officeCalendar() throws {
        let office = try #require(rules.calendars["office"])
        #expect(rules.calendars.count == 1)
        #expect(office.zone.identifier == "America/New_York")
        let workday = [HourRange(from: TimeOfDay(hour: 8, minute: 0), to: TimeOfDay(hour: 18, minute: 0))]
        #expect(office.hours == [.monday: workday, .tuesday: workday, .wednesday: workday, .thursday: workday,
                                 .friday: workday])
        #expect(office.holidays == [CivilDate(year: 2026, month: 11, day: 26), CivilDate(year: 2026, month: 12, day: 25),
                                    CivilDate(year: 2027, month: 1, day: 1)])
    }

    @Test func prioritiesHighestFirstWithFirstTouchTimes() {
        #expect(rules.priorities == [
            PriorityTier(name: "high", firstTouch: .minutes(5)),
            PriorityTier(name: "medium", firstTouch: .hours(1)),
            PriorityTier(name: "low", firstTouch: .hours(4)),
            PriorityTier(name: "unqualified", firstTouch: nil),
        ])
    }

    @Test func triageRulesInOrder() {
        #expect(rules.triage.map(\.name) == ["unqualified", "high", "medium", "low"])
        #expect(rules.triage.map(\.priority) == ["unqualified", "high", "medium", "low"])
        #expect(rules.triage.allSatisfy { $0.policy == "default" })
        #expect(rules.triage.last?.matcher == .always)
    }

    /// The same rules the core's tests build in code from DESIGN.md.
    @Test func triageMatchersExactly() {
        #expect(rules.triage == DefaultRules.make().triage)
    }

    /// (lead, expected priority): the examples DESIGN.md's triage list gives.
    static let leads: [(LeadProfile, String)] = [
        (LeadProfile(id: "L1", source: "web_form", email: "a@b.test"), "high"),
        (LeadProfile(id: "L2", source: "trade_show", phone: "+1 555", companySize: 5000), "high"),
        (LeadProfile(id: "L3", source: "referral", email: "a@b.test", need: "current"), "high"),
        (LeadProfile(id: "L4", source: "demo_request", phone: "+1 555"), "high"),
        (LeadProfile(id: "L5", source: "webinar", email: "a@b.test"), "medium"),
        (LeadProfile(id: "L6", source: "email", email: "a@b.test", companySize: 999, need: "new"), "medium"),
        (LeadProfile(id: "L7", source: "trade_show", email: "a@b.test"), "low"),
        (LeadProfile(id: "L8", source: "carrier_pigeon", phone: "+1 555"), "low"),
        (LeadProfile(id: "L9", source: "web_form"), "unqualified"),
        (LeadProfile(id: "L10", source: "referral", companySize: 5000, need: "current"), "unqualified"),
        (LeadProfile(id: "L11", source: "chat", email: " "), "unqualified"),
    ]

    @Test(arguments: 0..<leads.count)
    func triageOnSampleLeads(index: Int) {
        let (lead, expected) = Self.leads[index]
        let rule = rules.triage.first { $0.matcher.match(lead) != nil }
        #expect(rule?.priority == expected, "lead \(lead.id) from \(lead.source)")
    }

    @Test func fiveStepCadence() throws {
        let policy = try #require(rules.policies["default"])
        #expect(rules.policies.count == 1)
        #expect(policy.calendar == rules.calendars["office"])
        #expect(policy.steps == DefaultRules.steps())
        #expect(policy.steps.map { $0.due.description } == [
            "capture", "previous_touch", "previous_touch + 1d", "previous_touch + 2d", "previous_touch + 4d",
        ])
        #expect(policy.nurtureEvery == .hours(720))
        #expect(policy.autoAcknowledge == false)
        #expect(policy.engagingOutcomes == [.connected, .replied, .meeting])
    }

    @Test func callWindows() throws {
        let windows = try #require(rules.policies["default"]).callWindows
        let afternoon = [HourRange(from: TimeOfDay(hour: 16, minute: 0), to: TimeOfDay(hour: 17, minute: 0))]
        let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        #expect(windows == CallWindows(ranks: [
            CallWindowRank(name: "best", days: [.wednesday, .thursday], hours: afternoon),
            CallWindowRank(name: "afternoon", days: weekdays, hours: afternoon),
            CallWindowRank(name: "morning", days: weekdays,
                           hours: [HourRange(from: TimeOfDay(hour: 7, minute: 30), to: TimeOfDay(hour: 8, minute: 30))]),
        ], maxShift: .hours(48)))
    }

    @Test func scoring() {
        #expect(rules.scoring.points == [
            "email_opened": 1, "email_forwarded": 3, "link_clicked": 2, "landing_page": 2, "site_visit": 1,
            "return_visit": 3, "qr_scan": 2, "pdf_download": 5, "info_requested": 10, "quote_requested": 15,
        ])
        #expect(rules.scoring.lifts == [ScoreLift(threshold: 10, priority: "medium"), ScoreLift(threshold: 25, priority: "high")])
    }

    @Test func routingFallbackAndNoRoster() {
        #expect(rules.routing == Routing(defaultTeam: "sales", teams: []))
        #expect(rules.fallback == "sales-manager")
        #expect(rules.roster.isEmpty)
    }

    /// Business time on the shipped calendar: 5 minutes from Friday 17:58 ends Monday 08:03,
    /// and Thanksgiving is skipped.
    @Test func businessTimeOnTheShippedCalendar() throws {
        let office = try #require(rules.calendars["office"])
        let friday = try #require(RFC3339.parse("2026-11-20T22:58:00Z"))  // 17:58 EST
        #expect(office.add(.minutes(5), to: friday) == RFC3339.parse("2026-11-23T13:03:00Z"))
        let wednesdayEvening = try #require(RFC3339.parse("2026-11-25T22:59:00Z"))  // 17:59 EST, before Thanksgiving
        #expect(office.add(.minutes(5), to: wednesdayEvening) == RFC3339.parse("2026-11-27T13:04:00Z"))
    }
}
