import FollowUpCore
import FollowUpRules
import Foundation
import Testing

/// Names that YAML reads as something other than text, holidays outside any
/// plausible year, and problems about what no file defines: each reported
/// with a line, in the file most likely at fault.
@Suite struct NamesAndPlacesTests {
    static let cases: [ErrorCase] = [
        ErrorCase(label: "an octal number as the fallback", yaml: "fallback: 0o7\n", at: "case.yaml:1:11",
                  message: "`fallback` must be a name, found the number 0o7; quote it (\"0o7\") if it is a name"),
        ErrorCase(label: "a number as a rep id", yaml: "reps:\n  - { id: 42 }\n", at: "case.yaml:2:11",
                  message: "`id` of rep \"42\" must be a name, found the number 42"),
        ErrorCase(label: "a boolean as a team", yaml: "reps:\n  - { id: a, team: yes }\n", at: "case.yaml:2:20",
                  message: "`team` of rep \"a\" must be a name, found the boolean yes"),
        ErrorCase(label: "a float as a backup", yaml: "reps:\n  - { id: a, backup: 1e3 }\n", at: "case.yaml:2:22",
                  message: "`backup` of rep \"a\" must be a name, found the number 1e3"),
        ErrorCase(label: "a date as the default team", yaml: "routing: { default_team: 2026-01-01 }\n", at: "case.yaml:1:26",
                  message: "`default_team` of `routing` must be a name, found the date 2026-01-01"),
        ErrorCase(label: "a number as a routed team", yaml: """
            routing:
              teams:
                - { name: big, team: 0x10, when: [{ source: chat }] }
            """, at: "case.yaml:3:26", message: "`team` of team route \"big\" must be a name, found the number 0x10"),
        ErrorCase(label: "a holiday in year 0", yaml: """
            calendars:
              office:
                timezone: UTC
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
                holidays: [0000-01-01]
            """, at: "case.yaml:5:16", message: "holiday 0000-01-01 in calendar \"office\" is outside the years 1970–2200"),
        ErrorCase(label: "a holiday after 2200", yaml: """
            calendars:
              office:
                timezone: UTC
                open: [{ days: mon-fri, hours: 08:00-18:00 }]
                holidays:
                  - 9999-12-31
            """, at: "case.yaml:6:9", message: "holiday 9999-12-31 in calendar \"office\" is outside the years 1970–2200"),
    ]

    @Test(arguments: cases)
    func reportsTheProblemAtItsPlace(_ errorCase: ErrorCase) {
        let problems = RuleFixtures.problems(addingCase: errorCase.yaml)
        let prefix = "\(errorCase.at): error: "
        let hit = problems.contains { $0.description.hasPrefix(prefix) && $0.message.contains(errorCase.message) }
        #expect(hit, "expected \(prefix)…\(errorCase.message)… among:\n\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func aQuotedNumberIsAName() throws {
        let loaded = try RuleSet.load(sources: [(name: "base.yaml", text: RuleFixtures.base),
                                                (name: "case.yaml", text: "fallback: \"007\"\nreps:\n  - { id: \"42\", team: 'yes' }\n")])
        #expect(loaded.rules.fallback == "007")
        #expect(loaded.rules.roster.map(\.team) == ["yes"])
    }

    /// Rep ids, teams and the fallback are read in NFC, as events' ids are, so
    /// a rule file that spells "José" decomposed names the rep events name
    /// (compared by scalars: Swift's `==` calls both forms equal).
    @Test func namesAreReadComposed() throws {
        let loaded = try RuleSet.load(sources: [(name: "base.yaml", text: RuleFixtures.base),
                                                (name: "case.yaml", text: "fallback: \"Jose\u{301}\"\nreps:\n  - { id: \"Jose\u{301}\", team: \"Espan\u{303}a\" }\n")])
        #expect(Array(loaded.rules.fallback.unicodeScalars) == Array("Jos\u{E9}".unicodeScalars))
        #expect(loaded.rules.roster.map { Array($0.id.unicodeScalars) } == [Array("Jos\u{E9}".unicodeScalars)])
        #expect(loaded.rules.roster.map { Array(($0.team ?? "").unicodeScalars) } == [Array("Espa\u{F1}a".unicodeScalars)])
    }

    /// The base without its calendar (its first six lines).
    static let baseWithoutCalendar = RuleFixtures.base.split(separator: "\n", omittingEmptySubsequences: false)
        .dropFirst(6).joined(separator: "\n")

    @Test func aMissingFallbackIsReportedAtTheEndOfTheLastFile() {
        let text = RuleFixtures.base.replacing("fallback: sales-manager\n", with: "")
        let problems = RuleFixtures.problems([(name: "base.yaml", text: text)]).map(\.description)
        let lines = text.count { $0 == "\n" } + 1
        #expect(problems.contains { $0.hasPrefix("base.yaml:\(lines):1: error: the rule set names no `fallback`") }, "\(problems)")
    }

    @Test func anEmptySectionIsWhereItsMissingDefinitionIsReported() {
        let problems = RuleFixtures.problems([(name: "10-calendars.yaml", text: "# our hours\ncalendars:\n"),
                                              (name: "20-rest.yaml", text: Self.baseWithoutCalendar)]).map(\.description)
        #expect(problems.contains { $0.hasPrefix("10-calendars.yaml:2:1: error: the rule set defines no calendar") }, "\(problems)")
    }

    @Test func anEmptiedFileIsWhereMissingDefinitionsAreReported() {
        let problems = RuleFixtures.problems([(name: "10-calendars.yaml", text: "# our hours went here\n"),
                                              (name: "20-rest.yaml", text: Self.baseWithoutCalendar)]).map(\.description)
        #expect(problems.contains { $0.hasPrefix("10-calendars.yaml:1:1: error: the rule set defines no calendar") }, "\(problems)")
    }

    /// A file that is not valid YAML loses all it defines: "no calendar" or
    /// "a calendar no file defines" would blame the healthy files.
    @Test func aBrokenFileIsTheOnlyOneBlamed() {
        let problems = RuleFixtures.problems([(name: "10-calendars.yaml", text: "calendars:\n\toffice: {}\n"),
                                              (name: "20-rest.yaml", text: Self.baseWithoutCalendar)])
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.place?.file == "10-calendars.yaml" && ($0.place?.line ?? 0) > 0 }, "\(problems.map(\.description))")
    }

    /// A file with errors may hold the definition that looks missing: only its errors are reported.
    @Test func aFileWithErrorsHidesWhatLooksMissing() {
        let problems = RuleFixtures.problems([(name: "10-calendars.yaml", text: "calendars: 42\n"),
                                              (name: "20-rest.yaml", text: Self.baseWithoutCalendar)])
        let errors = problems.filter { $0.severity == .error }
        #expect(errors.contains { $0.place?.file == "10-calendars.yaml" && ($0.place?.line ?? 0) == 1 })
        #expect(!errors.contains { $0.message.contains("defines no calendar") }, "\(errors.map(\.description))")
    }

    /// A file cut before its policies reads cleanly; the refusal is about a
    /// reference in a healthy file, so a note points at the cut file.
    @Test func aFileCutShortIsNamedInANote() {
        let base = RuleFixtures.base
        let cut = String(base[..<base.range(of: "policies:")!.lowerBound]) + "# policies foll"
        let problems = RuleFixtures.problems([(name: "10-all.yaml", text: cut), (name: "20-more.yaml", text: "fallback: x\n")])
        let lines = cut.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problems.map(\.description).contains("10-all.yaml:\(lines):16: note: this file ends mid-line, without a newline: was it cut short?"),
                "\(problems.map(\.description))")
    }

    /// A calendar renamed by a slip (`ofice:`) breaks the policy that names it
    /// in another file; a note points at the renamed definition.
    @Test func aMisspeltDefinitionIsNamedWhereItIsDefined() {
        let calendars = "calendars:\n  ofice:\n    timezone: UTC\n    open: [{ days: mon-fri, hours: 08:00-18:00 }]\n"
        let problems = RuleFixtures.problems([(name: "10-calendars.yaml", text: calendars),
                                              (name: "20-rest.yaml", text: Self.baseWithoutCalendar)]).map(\.description)
        #expect(problems.contains { $0.hasPrefix("10-calendars.yaml:2:3: note: calendar \"ofice\" is defined here; 20-rest.yaml:") },
                "\(problems)")
    }
}
