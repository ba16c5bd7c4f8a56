import FollowUpCore
import FollowUpRules
import Testing

/// One rule file added to a valid base (`base.yaml`), and the error it must
/// cause: where (`FILE:LINE:COL`) and what (a fragment of the message).
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var at: String
    var message: String

    var testDescription: String { label }
}

@Suite struct ValidationErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase(label: "unknown key with a suggestion", yaml: """
            policies:
              default:
                calendar: office
                nurture_evry: 30 days
            """, at: "case.yaml:4:5",
            message: "unknown key \"nurture_evry\" in policy \"default\" (expected one of: calendar, nurture_every, "
                + "auto_acknowledge, engaged_by, call_windows, steps, max_snooze, breach_repeat, reassign_after_breaches, "
                + "check_in_every, hot_at, acknowledge_when_closed, accept_within); did you mean \"nurture_every\"?"),
        ErrorCase(label: "follow-through: a zero repeat", yaml: """
            policies:
              default:
                calendar: office
                breach_repeat: 0s
            """, at: "case.yaml:4:20", message: "`breach_repeat` of policy \"default\" must be longer than 0; leave it out to turn it off"),
        ErrorCase(label: "follow-through: reassign after no breach", yaml: """
            policies:
              default:
                calendar: office
                reassign_after_breaches: 0
            """, at: "case.yaml:4:30", message: "`reassign_after_breaches` of policy \"default\" must be ≥ 1, found 0"),
        ErrorCase(label: "follow-through: hot_at in words", yaml: """
            policies:
              default:
                calendar: office
                hot_at: ten
            """, at: "case.yaml:4:13", message: "`hot_at` of policy \"default\" must be a whole number, found \"ten\""),
        ErrorCase(label: "follow-through: acknowledge_when_closed yes", yaml: """
            policies:
              default:
                calendar: office
                acknowledge_when_closed: yes
            """, at: "case.yaml:4:30", message: "`acknowledge_when_closed` of policy \"default\" must be true or false"),
        ErrorCase(label: "follow-through: a snooze limit that is no duration", yaml: """
            policies:
              default:
                calendar: office
                max_snooze: forever
            """, at: "case.yaml:4:17", message: "`max_snooze` of policy \"default\""),
        ErrorCase(label: "routing: an unknown strategy", yaml: """
            routing:
              strategies: {sales: wieghted}
            """, at: "case.yaml:2:23", message: "unknown strategy \"wieghted\" for team \"sales\" (expected one of: round_robin, weighted, least_open); did you mean \"weighted\"?"),
        ErrorCase(label: "routing: attributes naming nothing", yaml: """
            routing:
              teams:
                - name: us
                  team: us
                  when: [{attributes: {}}]
            """, at: "case.yaml:5:15", message: "`attributes` of a condition of team route \"us\" names no attribute"),
        ErrorCase(label: "roster: a weight of 0", yaml: """
            reps:
              - id: ann
                weight: 0
            """, at: "case.yaml:3:13", message: "`weight` of rep \"ann\" must be ≥ 1, found 0"),
        ErrorCase(label: "roster: a capacity in words", yaml: """
            reps:
              - id: ann
                capacity: many
            """, at: "case.yaml:3:15", message: "`capacity` of rep \"ann\" must be a whole number, found \"many\""),
        ErrorCase(label: "policy: an acceptance window of 0", yaml: """
            policies:
              default:
                calendar: office
                accept_within: 0m
            """, at: "case.yaml:4:20", message: "`accept_within` of policy \"default\" must be longer than 0; leave it out to turn it off"),
        ErrorCase(label: "unknown key without a close match", yaml: """
            policies:
              default:
                enabeld: true
            """, at: "case.yaml:3:5", message: "unknown key \"enabeld\" in policy \"default\" (expected one of: calendar,"),
        ErrorCase(label: "unknown top-level section", yaml: "calendar: {}\n", at: "case.yaml:1:1",
                  message: "unknown key \"calendar\" in the top level (expected one of: calendars, priorities, triage, "
                    + "scoring, policies, routing, fallback, reps); did you mean \"calendars\"?"),
        ErrorCase(label: "bad duration", yaml: "priorities:\n  high: { first_touch: 5 mins }\n", at: "case.yaml:2:24",
                  message: "invalid duration \"5 mins\" in `first_touch` of priority \"high\": unknown unit \"mins\" (did you mean \"min\"?); write e.g. 5m, 1h30m"),
        ErrorCase(label: "duration without unit", yaml: "priorities:\n  high: { first_touch: 90 }\n", at: "case.yaml:2:24",
                  message: "invalid duration \"90\" in `first_touch` of priority \"high\": missing unit after 90; write e.g. 5m"),
        ErrorCase(label: "zero first touch", yaml: "priorities:\n  high: { first_touch: 0m }\n", at: "case.yaml:2:24",
                  message: "`first_touch` of priority \"high\" must be longer than 0"),
        ErrorCase(label: "priority with first touch and no cadence", yaml: """
            priorities:
              high: { first_touch: 5m, cadence: false }
            """, at: "case.yaml:2:28", message: "priority \"high\" has both `first_touch` and `cadence`"),
        ErrorCase(label: "priority with neither", yaml: "priorities:\n  high: {}\n", at: "case.yaml:2:3",
                  message: "priority \"high\" needs `first_touch: DURATION` (e.g. 5m) or `cadence: false`"),
        ErrorCase(label: "unknown zone", yaml: """
            calendars:
              office:
                timezone: America/New_Yrok
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
            """, at: "case.yaml:3:15",
            message: "unknown time zone \"America/New_Yrok\" in `timezone` of calendar \"office\""),
        ErrorCase(label: "overlapping open hours", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open:
                  - days: mon-fri
                    hours: 08:00-13:00
                  - days: wed
                    hours: 12:00-18:00
            """, at: "case.yaml:8:16",
            message: "hours 12:00-18:00 overlap 08:00-13:00 (at 6:16) on Wed in calendar \"office\""),
        ErrorCase(label: "empty open hours", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: mon-fri, hours: 18:00-08:00 }]
            """, at: "case.yaml:4:36", message: "the hours \"18:00-08:00\" are empty"),
        ErrorCase(label: "malformed hours", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: mon-fri, hours: 8-18 }]
            """, at: "case.yaml:4:36", message: "invalid hours \"8-18\" in `hours` of open hours #1 of calendar \"office\"; write HH:MM-HH:MM"),
        ErrorCase(label: "calendar without open hours", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: []
            """, at: "case.yaml:2:3", message: "calendar \"office\" has no open hours at all"),
        ErrorCase(label: "unknown day with suggestion", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: "mon, fir", hours: 08:00-18:00 }]
            """, at: "case.yaml:4:26", message: "unknown day \"fir\" in `days` of open hours #1 of calendar \"office\" (did you mean \"fri\"?)"),
        ErrorCase(label: "backwards day range", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: fri-mon, hours: 08:00-18:00 }]
            """, at: "case.yaml:4:20", message: "the day range \"fri-mon\" runs backwards in `days` of open hours #1 of calendar \"office\"; ranges go from Monday towards Sunday, so write \"fri-sun, mon\""),
        ErrorCase(label: "day listed twice", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: [mon-fri, wed], hours: 08:00-18:00 }]
            """, at: "case.yaml:4:30", message: "Wed is listed twice in `days` of open hours #1 of calendar \"office\""),
        ErrorCase(label: "duplicate holiday", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
                holidays:
                  - 2026-12-25
                  - 2026-11-26
                  - 2026-12-25
            """, at: "case.yaml:8:9", message: "holiday 2026-12-25 is listed twice in calendar \"office\" (first at 6:9)"),
        ErrorCase(label: "invalid holiday", yaml: """
            calendars:
              office:
                timezone: America/New_York
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
                holidays: [2026-02-30]
            """, at: "case.yaml:5:16", message: "invalid holiday \"2026-02-30\""),
        ErrorCase(label: "policy names a missing calendar", yaml: """
            policies:
              default:
                calendar: offcie
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:3:15",
            message: "policy \"default\" uses calendar \"offcie\", which no file defines (calendars: office); "
                + "did you mean \"office\"?"),
        ErrorCase(label: "overlapping call window slots", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                call_windows:
                  max_shift: 48h
                  ranks:
                    - name: best
                      days: wed, thu
                      hours: [16:00-17:00, 16:30-17:30]
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:10:32",
            message: "hours 16:30-17:30 overlap 16:00-17:00 (at 10:19) on Wed, Thu in call window rank \"best\" "
                + "of policy \"default\""),
        ErrorCase(label: "empty call window slot", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                call_windows:
                  max_shift: 48h
                  ranks:
                    - { name: late, days: mon-fri, hours: 17:00-16:00 }
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:8:47",
            message: "the hours \"17:00-16:00\" are empty in `hours` of call window rank \"late\" of policy \"default\""),
        ErrorCase(label: "duplicate call window rank", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                call_windows:
                  max_shift: 48h
                  ranks:
                    - { name: best, days: wed, hours: 16:00-17:00 }
                    - { name: best, days: thu, hours: 16:00-17:00 }
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:9:19", message: "call window rank \"best\" is defined twice in this file (first at 8:19)"),
        ErrorCase(label: "bad max_shift", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                call_windows: { max_shift: two days, ranks: [] }
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:5:32", message: "invalid duration \"two days\" in `max_shift` of `call_windows` of policy \"default\": it must start with a whole number"),
        ErrorCase(label: "in_call_window without ranks", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
                  - { channel: call, due: previous_touch + 1d, deadline: due + 1d, in_call_window: true }
            """, at: "case.yaml:7:72",
            message: "step 2 of policy \"default\" asks for a call window, but policy \"default\" has no call window ranks"),
        ErrorCase(label: "zero nurture interval", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 0 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:4:20", message: "`nurture_every` of policy \"default\" must be longer than 0"),
        ErrorCase(label: "boolean other than true or false", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                auto_acknowledge: yes
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:5:23",
            message: "`auto_acknowledge` of policy \"default\" must be true or false, found \"yes\""),
        ErrorCase(label: "unknown outcome", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                engaged_by: [conected, replied]
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:5:18", message: "unknown outcome \"conected\" in `engaged_by` of policy \"default\" "
                + "(expected one of: no_answer, voicemail, sent, bounced, connected, replied, meeting); did you mean \"connected\"?"),
        ErrorCase(label: "unknown channel", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: cal, due: capture, deadline: due + first_touch }
            """, at: "case.yaml:6:20", message: "unknown channel \"cal\" in step 1 of policy \"default\""),
        ErrorCase(label: "no steps", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps: []
            """, at: "case.yaml:5:5", message: "policy \"default\" needs at least one step"),
        ErrorCase(label: "step 1 due later than capture", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture + 1h, deadline: due + first_touch }
            """, at: "case.yaml:6:31", message: "`due` of step 1 of policy \"default\" must be `capture`"),
        ErrorCase(label: "previous_touch in step 1", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: previous_touch + 1h }
            """, at: "case.yaml:6:50", message: "cannot use `previous_touch`: step 1 has no touch before it"),
        ErrorCase(label: "due counted from due", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
                  - { channel: email, due: due + 1h, deadline: due + 1d }
            """, at: "case.yaml:7:32", message: "`due` of step 2 of policy \"default\" cannot count from `due` (itself)"),
        ErrorCase(label: "first_touch after step 1", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due + first_touch }
                  - { channel: email, due: previous_touch, deadline: due + first_touch }
            """, at: "case.yaml:7:58", message: "cannot add `first_touch`: the priority's first-touch time only sets step 1's deadline"),
        ErrorCase(label: "malformed time expression", yaml: """
            policies:
              default:
                calendar: office
                nurture_every: 30 days
                steps:
                  - { channel: call, due: capture, deadline: due - 5m }
            """, at: "case.yaml:6:50", message: "invalid time \"due - 5m\" in `deadline` of step 1 of policy \"default\": offsets can only be added with `+`"),
        ErrorCase(label: "triage names a missing priority", yaml: """
            triage:
              - name: everyone
                priority: hihg
            """, at: "case.yaml:3:15",
            message: "triage rule \"everyone\" gives priority \"hihg\", which no file defines "
                + "(priorities: high, low, nurture); did you mean \"high\"?"),
        ErrorCase(label: "triage names a missing policy", yaml: """
            triage:
              - name: everyone
                priority: low
                policy: vip
            """, at: "case.yaml:4:13", message: "triage rule \"everyone\" follows policy \"vip\", which no file defines (policies: default)"),
        ErrorCase(label: "unreachable triage rule", yaml: """
            triage:
              - name: late
                priority: high
                when: [{ source: web_form }]
            """, at: "case.yaml:2:11",
            message: "triage rule \"late\" is unreachable: triage rule \"everyone\" (at base.yaml:12:11), rule #1, "
                + "matches every lead before it"),
        ErrorCase(label: "no catch-all triage rule", yaml: """
            triage:
              - name: everyone
                priority: low
                when: [{ stage: open }]
            """, at: "case.yaml:2:11",
            message: "some leads would match no triage rule; end the list with a rule without `when`"),
        ErrorCase(label: "empty when", yaml: """
            triage:
              - name: everyone
                priority: low
                when: []
            """, at: "case.yaml:4:5", message: "`when` of triage rule \"everyone\" is empty; leave `when` out to match every lead"),
        ErrorCase(label: "unknown need", yaml: """
            triage:
              - name: current
                priority: high
                when: [{ need: existing }]
                before: everyone
            """, at: "case.yaml:4:20", message: "unknown need \"existing\" in a condition of triage rule \"current\""),
        ErrorCase(label: "unknown lead field in missing", yaml: """
            triage:
              - name: unreachable
                priority: nurture
                when: [{ missing: [emial, phone] }]
                before: everyone
            """, at: "case.yaml:4:24", message: "unknown lead field \"emial\" in `missing` of triage rule \"unreachable\""),
        ErrorCase(label: "negative company size", yaml: """
            triage:
              - name: big
                priority: high
                when:
                  - company_size_at_least: -5
                before: everyone
            """, at: "case.yaml:5:32", message: "must be ≥ 0, found -5"),
        ErrorCase(label: "before names a missing rule", yaml: """
            triage:
              - name: hot
                priority: high
                when: [{ source: chat }]
                before: everyon
            """, at: "case.yaml:5:13",
            message: "triage rule \"hot\" should go before \"everyon\", but no triage rule of that name is defined before it; "
                + "did you mean \"everyone\"?"),
        ErrorCase(label: "lift to a missing priority", yaml: "scoring:\n  lifts: { urgent: 50 }\n", at: "case.yaml:2:12",
                  message: "scoring lifts to priority \"urgent\", which no file defines"),
        ErrorCase(label: "lift to a nurture-only priority", yaml: "scoring:\n  lifts: { nurture: 50 }\n", at: "case.yaml:2:12",
                  message: "scoring cannot lift a lead to priority \"nurture\": it is nurture-only"),
        ErrorCase(label: "negative points", yaml: "scoring:\n  points:\n    pdf_download: -5\n", at: "case.yaml:3:19",
                  message: "points for \"pdf_download\" must be ≥ 0, found -5"),
        // Numbers and durations are bounded where they are read: these once passed check-rules and crashed the engine.
        ErrorCase(label: "points beyond the score bound", yaml: "scoring:\n  points:\n    pdf_download: 9223372036854775807\n",
                  at: "case.yaml:3:19", message: "points for \"pdf_download\" must be ≤ 1000000, found 9223372036854775807"),
        ErrorCase(label: "points too large for a number", yaml: "scoring:\n  points:\n    pdf_download: 99999999999999999999\n",
                  at: "case.yaml:3:19", message: "points for \"pdf_download\" must be ≤ 1000000, found 99999999999999999999"),
        ErrorCase(label: "lift threshold beyond the score bound", yaml: "scoring:\n  lifts: { high: 1000001 }\n",
                  at: "case.yaml:2:18", message: "the lift threshold of priority \"high\" must be ≤ 1000000, found 1000001"),
        ErrorCase(label: "company size beyond its bound", yaml: """
            triage:
              - name: huge
                priority: high
                when: [{ company_size_at_least: 10000001 }]
            """, at: "case.yaml:4:37", message: "must be ≤ 10000000, found 10000001"),
        ErrorCase(label: "first touch of Int.max seconds", yaml: "priorities:\n  high: { first_touch: 9223372036854775807s }\n",
                  at: "case.yaml:2:24",
                  message: "invalid duration \"9223372036854775807s\" in `first_touch` of priority \"high\": longer than 366d, the most a duration may be"),
        ErrorCase(label: "nurture interval beyond a year", yaml: """
            policies:
              default:
                nurture_every: 367 days
            """, at: "case.yaml:3:20",
            message: "invalid duration \"367 days\" in `nurture_every` of policy \"default\": longer than 366d"),
        ErrorCase(label: "step offset beyond a year", yaml: """
            policies:
              default:
                steps:
                  - { name: first touch, channel: call, due: capture, deadline: due + 9223372036854775807s }
            """, at: "case.yaml:4:69", message: "longer than 366d"),
        ErrorCase(label: "points that are not a number", yaml: "scoring:\n  points:\n    pdf_download: 2.5\n",
                  at: "case.yaml:3:19", message: "points for \"pdf_download\" must be a whole number, found \"2.5\""),
        ErrorCase(label: "duplicate key (same YAML type)", yaml: "fallback: a\nfallback: b\n", at: "case.yaml:2:1",
                  message: "duplicate key \"fallback\" (first at 1:1); YAML keys must be unique"),
        ErrorCase(label: "duplicate key deep inside, rest still checked", yaml: """
            calendars:
              office:
                timezone: America/New_York
                timezone: Europe/Paris
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
            fallback: two words
            """, at: "case.yaml:4:5", message: "duplicate key \"timezone\" (first at 3:5)"),
        ErrorCase(label: "error after a duplicate key is still found", yaml: """
            calendars:
              office:
                timezone: America/New_York
                timezone: Europe/Paris
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
            fallback: two words
            """, at: "case.yaml:6:11", message: "`fallback` must be a single word without spaces, found \"two words\""),
        ErrorCase(label: "duplicate key that YAML types apart", yaml: "scoring: { points: { 1: 2, \"1\": 3 } }\n",
                  at: "case.yaml:1:28", message: "duplicate key \"1\" in `points` of `scoring` (first at 1:22)"),
        ErrorCase(label: "backup cycle", yaml: """
            reps:
              - id: alice
                backup: bob
              - id: bob
                backup: alice
            """, at: "case.yaml:2:9", message: "backup cycle alice → bob → alice"),
        ErrorCase(label: "longer backup cycle reached from outside", yaml: """
            reps:
              - { id: dora, backup: carol }
              - { id: carol, backup: erin }
              - { id: erin, backup: frank }
              - { id: frank, backup: carol }
            """, at: "case.yaml:3:11", message: "backup cycle carol → erin → frank → carol"),
        ErrorCase(label: "own backup", yaml: "reps:\n  - { id: alice, backup: alice }\n", at: "case.yaml:2:26",
                  message: "rep \"alice\" cannot be their own backup"),
        ErrorCase(label: "duplicate rep id in one file", yaml: """
            reps:
              - id: alice
              - id: alice
            """, at: "case.yaml:3:9", message: "rep \"alice\" is defined twice in this file (first at 2:9)"),
        ErrorCase(label: "rep with unknown zone", yaml: "reps:\n  - { id: alice, timezone: Mars/Olympus }\n",
                  at: "case.yaml:2:28", message: "unknown time zone \"Mars/Olympus\""),
        ErrorCase(label: "tab indentation (YAML syntax error)", yaml: "calendars:\n\toffice: {}\n", at: "case.yaml:2:1",
                  message: "YAML syntax error: found character that cannot start any token"),
        ErrorCase(label: "unclosed flow mapping", yaml: "priorities: { high: { first_touch: 5m }\n", at: "case.yaml:2:1",
                  message: "YAML syntax error:"),
        ErrorCase(label: "two documents", yaml: "fallback: a\n---\nfallback: b\n", at: "case.yaml:2:1",
                  message: "YAML syntax error: expected a single document in the stream, but found another document; a rule file holds one YAML document, remove the `---` separator"),
        ErrorCase(label: "list at top level", yaml: "- calendars\n- priorities\n", at: "case.yaml:1:1",
                  message: "a rule file must be a mapping of sections (calendars, priorities, triage, scoring, policies, "
                    + "routing, fallback, reps), found a list"),
        ErrorCase(label: "scalar at top level", yaml: "hello\n", at: "case.yaml:1:1",
                  message: "a rule file must be a mapping of sections"),
        ErrorCase(label: "section of the wrong shape", yaml: "triage:\n  name: low\n", at: "case.yaml:2:3",
                  message: "`triage` must be a list (`- item` lines or [a, b]), found a mapping"),
        ErrorCase(label: "list where text belongs", yaml: "fallback: [a, b]\n", at: "case.yaml:1:11",
                  message: "`fallback` must be text, found a list"),
        ErrorCase(label: "missing required key", yaml: """
            triage:
              - name: hot
                when: [{ source: chat }]
                before: everyone
            """, at: "case.yaml:2:5", message: "triage rule \"hot\" is missing `priority`"),
    ]

    @Test(arguments: cases)
    func reportsTheProblemAtItsPlace(_ errorCase: ErrorCase) {
        let problems = RuleFixtures.problems(addingCase: errorCase.yaml)
        let prefix = "\(errorCase.at): error: "
        let hit = problems.contains { $0.description.hasPrefix(prefix) && $0.message.contains(errorCase.message) }
        #expect(hit, "expected \(prefix)…\(errorCase.message)… among:\n\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func theBaseAloneIsValid() throws {
        let loaded = try RuleSet.load(sources: [(name: "base.yaml", text: RuleFixtures.base)])
        #expect(loaded.summary.hasPrefix("rules OK: 1 file, 1 calendar, 3 priorities, 1 triage rule, 1 policy (1 step), 0 reps"))
    }

    @Test func everyProblemIsListedNotJustTheFirst() {
        let problems = RuleFixtures.problems(addingCase: """
            priorities:
              high: { first_touch: 5 mins }
              low: { first_touch: soon }
            fallback: [x]
            reps:
              - { id: a, backup: a }
            """)
        let errors = problems.filter { $0.severity == .error }
        #expect(errors.map { "\(($0.place?.line ?? 0)):\(($0.place?.column ?? 0))" } == ["2:24", "3:23", "4:11", "6:22"])
    }

    /// Reported at the end of the (last) file, where an admin would add them.
    @Test func anIncompleteSetNamesWhatIsMissing() {
        let problems = RuleFixtures.problems([(name: "only.yaml", text: "scoring: { points: { x: 1 } }\n")])
        let messages = problems.map(\.description)
        for missing in ["no calendar", "no priority", "no triage rule", "no `routing.default_team`", "no `fallback`"] {
            #expect(messages.contains { $0.hasPrefix("only.yaml:2:1: error: ") && $0.contains(missing) }, "\(missing): \(messages)")
        }
    }

    @Test func aTriageRuleWithoutPolicyNeedsTheDefaultPolicy() {
        let text = RuleFixtures.base.replacing("  default:\n    calendar", with: "  main:\n    calendar")
        let problems = RuleFixtures.problems([(name: "base.yaml", text: text)])
        #expect(problems.map(\.description).contains {
            $0.hasPrefix("base.yaml:12:11: error: triage rule \"everyone\" follows policy \"default\" "
                         + "(rules without `policy:` follow \"default\"), which no file defines (policies: main)")
        })
    }

    @Test func descriptionsReadLikeCompilerDiagnostics() {
        let problem = Diagnostic(message: "bad", place: SourcePlace(file: "x.yaml", line: 3, column: 7), severity: .error)
        #expect(problem.description == "x.yaml:3:7: error: bad")
        let note = Diagnostic(message: "fyi", place: SourcePlace(file: "x.yaml", line: 1, column: 1), severity: .note)
        #expect(note.description == "x.yaml:1:1: note: fyi")
        #expect(Diagnostic(message: "gone", place: SourcePlace(file: "dir"), severity: .error).description == "dir: error: gone")
    }
}
