import FollowUpCore
import FollowUpRules
import Testing

/// Files merge in load order: later named items replace earlier ones (with a
/// note), scalars go to the later file, scores merge per key.
@Suite struct MergeTests {
    func load(_ later: String) throws -> LoadedRules {
        try RuleSet.load(sources: [(name: "10-base.yaml", text: RuleFixtures.base), (name: "20-local.yaml", text: later)])
    }

    @Test func aLaterCalendarReplacesTheEarlierOneWholeWithANote() throws {
        let loaded = try load("""
            calendars:
              office:
                timezone: Europe/Paris
                open:
                  - days: mon-thu
                    hours: [09:00-12:00, 13:00-17:00]
            """)
        let office = try #require(loaded.rules.calendars["office"])
        #expect(office.zone.identifier == "Europe/Paris")
        #expect(office.hours[.friday] == nil)
        #expect(office.hours[.monday]?.map(\.description) == ["09:00-12:00", "13:00-17:00"])
        #expect(loaded.rules.policies["default"]?.calendar == office)
        #expect(loaded.notes.map(\.description)
                == ["20-local.yaml:2:3: note: calendar \"office\" overrides the one at 10-base.yaml:2:3"])
    }

    @Test func theLaterFallbackWinsWithANote() throws {
        let loaded = try load("fallback: head-of-sales\n")
        #expect(loaded.rules.fallback == "head-of-sales")
        #expect(loaded.notes.map(\.description)
                == ["20-local.yaml:1:11: note: fallback \"head-of-sales\" overrides \"sales-manager\" set at 10-base.yaml:21:11"])
        #expect(loaded.summary.contains("fallback head-of-sales"))
    }

    @Test func beforeInsertsATriageRuleAheadOfAnother() throws {
        let loaded = try load("""
            triage:
              - name: hot
                priority: high
                when: [{ source: [chat, web_form] }]
                before: everyone
              - name: cold
                priority: nurture
                when: [{ missing: [email, phone] }]
                before: hot
            """)
        #expect(loaded.rules.triage.map(\.name) == ["cold", "hot", "everyone"])
        #expect(loaded.notes.isEmpty)
        let chat = LeadProfile(id: "L1", source: "chat", email: "x@y.test")
        #expect(loaded.rules.triage.first { $0.matcher.match(chat) != nil }?.priority == "high")
    }

    @Test func anOverriddenRuleKeepsItsPlaceUnlessItSaysBefore() throws {
        let loaded = try RuleSet.load(sources: [
            (name: "a.yaml", text: RuleFixtures.base.replacing("triage:\n", with: """
                triage:
                  - name: hot
                    priority: high
                    when: [{ source: chat }]

                """)),
            (name: "b.yaml", text: """
                triage:
                  - name: hot
                    priority: low
                    when: [{ source: web_form }]
                """),
        ])
        #expect(loaded.rules.triage.map(\.name) == ["hot", "everyone"])
        #expect(loaded.rules.triage.first?.priority == "low")
        #expect(loaded.notes.count == 1)
        #expect(loaded.notes.first?.message.contains("triage rule \"hot\" overrides the one at a.yaml:12:11") == true)
    }

    @Test func anOverriddenPriorityKeepsItsRank() throws {
        let loaded = try load("priorities:\n  low: { first_touch: 2h }\n  urgent: { first_touch: 1m }\n")
        #expect(loaded.rules.priorities.map(\.name) == ["high", "low", "nurture", "urgent"])
        #expect(loaded.rules.priority(named: "low")?.firstTouch == .hours(2))
    }

    @Test func scoringMergesPerKey() throws {
        let first = "scoring:\n  points: { a: 1, b: 2 }\n  lifts: { high: 30 }\n"
        let loaded = try RuleSet.load(sources: [
            (name: "1.yaml", text: RuleFixtures.base + first),
            (name: "2.yaml", text: "scoring:\n  points: { b: 5, c: 3 }\n  lifts: { low: 10, high: 20 }\n"),
        ])
        #expect(loaded.rules.scoring.points == ["a": 1, "b": 5, "c": 3])
        #expect(loaded.rules.scoring.lifts == [ScoreLift(threshold: 10, priority: "low"), ScoreLift(threshold: 20, priority: "high")])
        #expect(loaded.notes.count == 2)
    }

    @Test func aLaterRepReplacesTheEarlierOneAndUnknownBackupsAreNotes() throws {
        let loaded = try RuleSet.load(sources: [
            (name: "1.yaml", text: RuleFixtures.base + "reps:\n  - { id: alice, backup: bob }\n  - { id: bob }\n"),
            (name: "2.yaml", text: "reps:\n  - { id: alice, name: Alice A., backup: carol, timezone: Europe/Paris }\n"),
        ])
        #expect(loaded.rules.roster == [
            Rep(id: "alice", name: "Alice A.", backup: "carol", timezone: "Europe/Paris"), Rep(id: "bob"),
        ])
        #expect(loaded.notes.map(\.description) == [
            "2.yaml:2:11: note: rep \"alice\" overrides the one at 1.yaml:23:11",
            "2.yaml:2:42: note: backup \"carol\" of rep \"alice\" is not in the roster; it must arrive as a rep.upserted event",
        ])
    }

    @Test func aLaterFileCanBreakACycleAnEarlierOneWouldMake() throws {
        let loaded = try RuleSet.load(sources: [
            (name: "1.yaml", text: RuleFixtures.base + "reps:\n  - { id: alice, backup: bob }\n  - { id: bob, backup: alice }\n"),
            (name: "2.yaml", text: "reps:\n  - { id: bob, backup: sales-manager }\n"),
        ])
        #expect(loaded.rules.roster.map(\.backup) == ["bob", "sales-manager"])
    }

    @Test func theVersionCoversNamesAndTextInOrder() throws {
        let a = try RuleSet.load(sources: [(name: "a.yaml", text: RuleFixtures.base)]).rules.version
        let again = try RuleSet.load(sources: [(name: "a.yaml", text: RuleFixtures.base)]).rules.version
        let renamed = try RuleSet.load(sources: [(name: "b.yaml", text: RuleFixtures.base)]).rules.version
        let edited = try RuleSet.load(sources: [(name: "a.yaml", text: RuleFixtures.base + "# a comment\n")]).rules.version
        #expect(a == again)
        #expect(Set([a, renamed, edited]).count == 3)
    }

    /// YAML 1.1 would read `no` as false and `08:00` as a number; rule files read raw text.
    @Test func scalarsAreReadAsWrittenNotAsYAMLGuesses() throws {
        let loaded = try load("""
            triage:
              - name: norway
                priority: high
                when: [{ source: no }]
                before: everyone
            routing: { default_team: "on" }
            """)
        #expect(loaded.rules.triage.first?.matcher == LeadMatcher(alternatives: [[.sourceIn(["no"])]]))
        #expect(loaded.rules.routing.defaultTeam == "on")
    }
}
