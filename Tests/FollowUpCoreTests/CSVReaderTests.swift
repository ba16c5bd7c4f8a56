import Testing
import FollowUpCore
import FollowUpFormats

/// RFC 4180 as spreadsheets write it, and where each field starts.
@Suite struct CSVReaderTests {
    static func read(_ text: String) throws -> [[String]] {
        try CSVReader.records(Array(text.utf8)).map { $0.fields.map(\.value) }
    }

    @Test func quotesCommasAndLineBreaks() throws {
        let text = "id,name,notes\r\nL1,\"Smith, Dana\",\"said \"\"call me\"\"\r\nafter 4\"\r\nL2,Bo,\r\n"
        #expect(try Self.read(text) == [["id", "name", "notes"], ["L1", "Smith, Dana", "said \"call me\"\r\nafter 4"], ["L2", "Bo", ""]])
        let records = try CSVReader.records(Array(text.utf8))
        #expect(records.map(\.line) == [1, 2, 4], "a line break inside quotes moves the next record down")
    }

    @Test func byteOrderMarkBlankLinesAndLoneLF() throws {
        let text = "\u{FEFF}id,source\n\nL1,web\nL2,web"
        #expect(try Self.read(text) == [["id", "source"], ["L1", "web"], ["L2", "web"]])
        #expect(try CSVReader.records(Array(text.utf8)).map(\.line) == [1, 3, 4])
    }

    @Test func emptyQuotedFieldIsARecord() throws {
        #expect(try Self.read("a\n\"\"\n") == [["a"], [""]])
    }

    @Test(arguments: [
        ("id,name\nL1,Da\"na\n", 2, 2, "a quote inside an unquoted field"),
        ("id,name\nL1,\"Dana\"x\n", 2, 2, "text after the closing quote"),
        ("id,name\nL1,\"Dana\n", 2, 2, "never closed"),
    ])
    func malformed(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try CSVReader.records(Array(text.utf8))
        } throws: { error in
            guard let e = error as? CSVReader.SyntaxError else { return false }
            return e.line == line && e.column == column && e.message.contains(message)
        }
    }
}

/// Spreadsheet rows to `lead.captured` events, every bad row named by line and column.
@Suite struct LeadImportTests {
    @Test func goodFileBecomesEvents() throws {
        let csv = """
            Lead ID,Source,Name,E-mail,Company Size,Captured At,Time Zone,Region
            L1,web_form,"Smith, Dana",dana@acme.test,5000,2026-11-24T20:00:00Z,America/New_York,East
            L2,referral,Bo,,,,,

            """
        let result = LeadImport(mapping: ["Lead ID": "id"]).read(Array(csv.utf8))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.attributeColumns == ["Region"])
        #expect(result.rows.map(\.line) == [2, 3])
        let event = try EventDecoder.decode(result.rows[0].event)
        guard case .leadCaptured(let lead) = event.body else { Issue.record("not a capture"); return }
        #expect(event.at == RFC3339.parse("2026-11-24T20:00:00Z"))
        #expect(lead.name == "Smith, Dana" && lead.email == "dana@acme.test" && lead.companySize == 5000)
        #expect(lead.timezone == "America/New_York")
        #expect(lead.attributes["region"] == .string("East"))
        #expect(result.rows[1].event == #"{"type":"lead.captured","lead":{"id":"L2","source":"referral","name":"Bo"}}"#)
    }

    @Test func everyBadRowIsReportedByLineAndColumn() {
        let csv = """
            id,source,email,at,timezone,company_size,need
            L1,web_form,not-an-email,2026-11-24T20:00:00Z,America/New_York,10,new
            L2,,b@x.test,yesterday,Mars/Olympus,many,maybe
            L1,web_form,c@x.test,,,,
            "L4",web_form,"multi
            line@x.test",,,,
            ,referral,,,,,

            """
        let result = LeadImport().read(Array(csv.utf8))
        let shown = result.problems.map(\.description)
        #expect(shown.contains("2:3(email): not an email address: \"not-an-email\""), "\(shown)")
        #expect(shown.contains("3:2(source): required: where the lead came from (web_form, referral, …)"), "\(shown)")
        #expect(shown.contains { $0.hasPrefix("3:4(at): expected an RFC 3339 time") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("3:5(timezone): unknown time zone \"Mars/Olympus\"") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("3:6(company_size): expected a whole number") }, "\(shown)")
        #expect(shown.contains("3:7(need): expected new or current, got \"maybe\""), "\(shown)")
        #expect(shown.contains("4:1(id): duplicate id \"L1\" (first on line 2)"), "\(shown)")
        #expect(shown.contains { $0.hasPrefix("5:3(email): not an email address") }, "a field's own line: \(shown)")
        #expect(shown.contains("7:1(id): required: every lead needs an id"), "after a two-line record: \(shown)")
        #expect(result.badLines == [2, 3, 4, 5, 7])
        #expect(result.rows.isEmpty)
    }

    @Test func numbersOutsideTheirBoundsAreBadRows() {
        let csv = """
            id,source,score,company_size
            L1,web_form,9223372036854775807,10
            L2,web_form,-1000001,10
            L3,web_form,1000000,10000001
            L4,web_form,-1000000,10000000

            """
        let result = LeadImport().read(Array(csv.utf8))
        let shown = result.problems.map(\.description)
        #expect(shown.contains { $0.hasPrefix("2:3(score): expected a whole number from -1000000 to 1000000") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("3:3(score): expected a whole number from -1000000 to 1000000") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("4:4(company_size): expected a whole number from 0 to 10000000") }, "\(shown)")
        #expect(result.badLines == [2, 3, 4])
        #expect(result.rows.map(\.line) == [5])
    }

    @Test func headerProblems() {
        let noSource = LeadImport().read(Array("id,name\nL1,Dana\n".utf8))
        #expect(noSource.problems.map(\.description) == ["1: no column for the required field \"source\" (rename one with --map COLUMN=source)"])
        let twice = LeadImport(mapping: ["origin": "source"]).read(Array("id,source,origin\nL1,a,b\n".utf8))
        #expect(twice.problems.map(\.description) == ["1:3(origin): names the same field \"source\" as column 2"])
        let ignored = LeadImport(mapping: ["origin": ""]).read(Array("id,source,origin\nL1,a,b\n".utf8))
        #expect(ignored.problems.isEmpty && ignored.rows.count == 1 && !ignored.rows[0].event.contains("origin"))
        let empty = LeadImport().read([])
        #expect(empty.problems.first?.message.contains("empty") == true)
        let syntax = LeadImport().read(Array("id,source\nL1,\"web\n".utf8))
        #expect(syntax.problems.map(\.description) == ["2: column 2: a quoted field is never closed"])
    }
}
