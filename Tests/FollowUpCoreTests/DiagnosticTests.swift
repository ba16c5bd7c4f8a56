import FollowUpCore
import Testing

/// One ``Diagnostic`` prints in every reader's style, chosen by what it holds
/// (issue 17): these are the forms the rule files, `simulate`, `import` and
/// the API have always printed, pinned in one place.
@Suite struct DiagnosticTests {
    @Test func aFieldAloneIsTheAPIForm() {
        #expect(Diagnostic(field: "lead.score", message: "expected an integer").description == "lead.score: expected an integer")
        #expect(Diagnostic(message: "the body is empty").description == "the body is empty")
    }

    @Test func aRuleFilePlaceWithASeverityIsTheCompilerForm() {
        let at = SourcePlace(file: "10-reps.yaml", line: 3, column: 7)
        #expect(Diagnostic(message: "bad", place: at, severity: .error).description == "10-reps.yaml:3:7: error: bad")
        #expect(Diagnostic(message: "fyi", place: at, severity: .note).description == "10-reps.yaml:3:7: note: fyi")
        #expect(Diagnostic(message: "gone", place: SourcePlace(file: "rules.d"), severity: .error).description
                == "rules.d: error: gone")
    }

    @Test func aLineOfAnEventFileNamesTheFieldWithoutASeverity() {
        let at = SourcePlace(file: "events.jsonl", line: 4)
        #expect(Diagnostic(field: "at", message: "missing", place: at).description == "events.jsonl:4: at: missing")
        #expect(Diagnostic(message: "not JSON", place: at).description == "events.jsonl:4: not JSON")
    }

    @Test func aSpreadsheetCellNamesItsColumnAndLeavesTheFileToTheCaller() {
        let cell = SourcePlace(line: 2, column: 3, columnName: "E-mail")
        #expect(Diagnostic(message: "not an email address", place: cell).description == "2:3(E-mail): not an email address")
        #expect(Diagnostic(message: "3 fields, but the header has 2", place: SourcePlace(line: 5)).description
                == "5: 3 fields, but the header has 2")
        var named = cell
        named.file = "leads.csv"
        #expect(named.description == "leads.csv:2:3(E-mail)")
    }
}
