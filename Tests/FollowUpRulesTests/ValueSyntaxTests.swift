import FollowUpCore
import FollowUpRules
import Testing

/// The value grammars of the rule files, read through a real load.
@Suite struct ValueSyntaxTests {
    func load(_ text: String) throws -> Rules {
        try RuleSet.load(sources: [(name: "base.yaml", text: RuleFixtures.base), (name: "case.yaml", text: text)]).rules
    }

    static let durationCases: [(String, Int64)] = [
        ("5m", 300), ("1h30m", 5_400), ("1h 30m", 5_400), ("24h", 86_400), ("1d", 86_400), ("30 days", 2_592_000),
        ("48h", 172_800), ("90 seconds", 90), ("2 min", 120), ("1 hour", 3_600), ("2w", 1_209_600), ("1 week", 604_800),
        ("10s", 10), ("3 minutes", 180), ("1day", 86_400),
    ]

    @Test(arguments: durationCases)
    func durations(text: String, seconds: Int64) throws {
        let rules = try load("priorities:\n  high: { first_touch: \(text) }\n")
        #expect(rules.priority(named: "high")?.firstTouch == TimeSpan(seconds: seconds))
    }

    static let dayCases: [(String, Set<Weekday>)] = [
        ("mon-fri", [.monday, .tuesday, .wednesday, .thursday, .friday]),
        ("wed, thu", [.wednesday, .thursday]),
        ("[wed, thu]", [.wednesday, .thursday]),
        ("sat", [.saturday]),
        ("MON-Tue, fri", [.monday, .tuesday, .friday]),
        ("[mon-wed, sun]", [.monday, .tuesday, .wednesday, .sunday]),
        ("sat-sun", [.saturday, .sunday]),
    ]

    @Test(arguments: dayCases)
    func dayLists(text: String, expected: Set<Weekday>) throws {
        let rules = try load("""
            calendars:
              office:
                timezone: UTC
                open:
                  - days: \(text)
                    hours: 09:00-17:00
            """)
        #expect(Set(rules.calendars["office"]?.hours.keys.map { $0 } ?? []) == expected)
    }

    @Test func hourListsAndMidnight() throws {
        let rules = try load("""
            calendars:
              office:
                timezone: Europe/Paris
                open:
                  - days: sat
                    hours: [00:00-06:00, 20:00-24:00]
                  - days: sun
                    hours: "10:00-12:00, 13:00-15:00"
            """)
        let office = try #require(rules.calendars["office"])
        #expect(office.hours[.saturday]?.map(\.description) == ["00:00-06:00", "20:00-24:00"])
        #expect(office.hours[.sunday]?.map(\.description) == ["10:00-12:00", "13:00-15:00"])
    }

    static let timeCases: [(String, TimeExpression)] = [
        ("previous_touch", TimeExpression(anchor: .previousTouch)),
        ("previous_touch + 2d", TimeExpression(anchor: .previousTouch, offset: .wall(.days(2)))),
        ("previous_touch+36h", TimeExpression(anchor: .previousTouch, offset: .wall(.hours(36)))),
        ("capture + 1h30m", TimeExpression(anchor: .capture, offset: .wall(.minutes(90)))),
    ]

    @Test(arguments: timeCases)
    func timeExpressions(text: String, expected: TimeExpression) throws {
        let rules = try load("""
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
                  - { channel: email, due: "\(text)", deadline: due + 1d, deadline_at_least: "\(text)" }
            """)
        let step = try #require(rules.policies["default"]?.steps.last)
        #expect(step.due == expected)
        #expect(step.deadlineAtLeast == expected)
    }

    @Test func teamRoutesCompileInOrderWithTheSameWhenGrammar() throws {
        let rules = try load("""
            routing:
              default_team: sales
              teams:
                - name: enterprise
                  team: enterprise
                  when: [ { company_size_at_least: 5000 } ]
                - name: renewals
                  team: account-management
                  when:
                    - need: current
                      stage: [customer, churn_risk]
                - name: big-and-new
                  team: enterprise-new
                  when: { company_size_at_least: 1000, need: new }
                  before: renewals
            """)
        #expect(rules.routing.defaultTeam == "sales")
        #expect(rules.routing.teams == [
            TeamRoute(name: "enterprise", team: "enterprise",
                      matcher: LeadMatcher(alternatives: [[.companySizeAtLeast(5000)]])),
            TeamRoute(name: "big-and-new", team: "enterprise-new",
                      matcher: LeadMatcher(alternatives: [[.companySizeAtLeast(1000), .needIn(["new"])]])),
            TeamRoute(name: "renewals", team: "account-management",
                      matcher: LeadMatcher(alternatives: [[.needIn(["current"]), .stageIn(["customer", "churn_risk"])]])),
        ])
    }

    @Test func policyOptionsAndDefaults() throws {
        let rules = try load("""
            policies:
              default:
                calendar: office
                nurture_every: 2w
                auto_acknowledge: true
                engaged_by: [replied, meeting]
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
              quiet:
                calendar: office
                nurture_every: 90 days
                steps:
                  - { name: only, channel: email, due: capture, deadline: capture + 2d }
            triage:
              - name: quiet-ones
                priority: low
                policy: quiet
                when: [{ source: newsletter }]
                before: everyone
            """)
        let main = try #require(rules.policies["default"])
        #expect(main.autoAcknowledge && main.nurtureEvery == .days(14) && main.engagingOutcomes == [.replied, .meeting])
        #expect(main.steps.first?.name == "step 1")
        let quiet = try #require(rules.policies["quiet"])
        #expect(!quiet.autoAcknowledge && quiet.engagingOutcomes == [.connected, .replied, .meeting])
        #expect(quiet.callWindows == CallWindows(ranks: [], maxShift: .zero))
        #expect(rules.triage.first?.policy == "quiet")
    }
}
