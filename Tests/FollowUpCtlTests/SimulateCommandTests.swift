import Foundation
import Testing
import FollowUpTestSupport

/// `followupctl simulate` as admins run it.
@Suite struct SimulateCommandTests {
    static let reps = """
        {"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"alice","name":"Alice","email":"alice@example.com","team":"sales","backup":"bob","timezone":"America/New_York"}}
        {"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"bob","name":"Bob","email":"bob@example.com","team":"sales","timezone":"America/New_York"}}
        """

    @Test func printsNotificationsAsJSONLinesInTheDocumentedFieldOrder() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}
            """)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-24T20:05:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            {"id":"L1:lead.assigned:1:1","at":"2026-11-24T20:00:00Z","kind":"lead.assigned","lead":"L1","to":"alice","step":1,"channel":"call","deadline":"2026-11-24T20:05:00Z","reason":"new"}
            {"id":"L1:sla.breached:1:1","at":"2026-11-24T20:05:00Z","kind":"sla.breached","lead":"L1","to":"alice","step":1,"channel":"call"}
            {"id":"L1:lead.assigned:1:2","at":"2026-11-24T20:05:00Z","kind":"lead.assigned","lead":"L1","to":"bob","step":1,"channel":"call","deadline":"2026-11-24T20:10:00Z","reason":"escalated"}

            """)
    }

    @Test func aTimerExactlyAtUntilFiresAndLaterEventsAreNotApplied() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}
            {"at":"2026-11-24T20:06:00Z","type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"e@acme.test","owner":"alice"}}
            """)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-24T20:05:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"sla.breached\""))
        #expect(!r.stdout.contains("\"L2\""))
    }

    @Test func everyBadLineIsListedWithFileLineAndFieldAndNothingIsPrinted() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","company_size":"big"}}
            not json
            {"at":"2026-11-24T20:01:00Z","type":"lead.exploded","lead":"L1"}
            {"at":"2026-11-24T20:02:00Z","type":"touch.logged","lead":"L9","rep":"alice","channel":"call","outcome":"no_answer"}
            {"at":"2026-11-24T19:59:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"}
            {"at":"2026-11-24T20:03:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"pigeon","outcome":"no_answer"}
            {"type":"lead.status","lead":"L1","status":"won"}
            """)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty, "nothing partial on stdout: \(r.stdout)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(file):3: lead.company_size: expected an integer, got a string"), "\(r.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):4: invalid JSON at column 1") }, "\(r.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):5: type: unknown event type \"lead.exploded\"") }, "\(r.stderr)")
        #expect(lines.contains("\(file):6: lead: unknown lead \"L9\""), "\(r.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):7: at: 2026-11-24T19:59:00Z is earlier than the line before it") }, "\(r.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):8: channel: unknown value \"pigeon\"") }, "\(r.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):9: at: missing") }, "\(r.stderr)")
    }

    @Test func aMissingEventFileIsAClearError() throws {
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", "/nonexistent/events.jsonl")
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/events.jsonl: cannot read the file"))
    }

    @Test func aBadUntilIsAClearError() throws {
        let file = try Subprocess.temporaryFile(Self.reps)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "tomorrow")
        #expect(r.status != 0)
        #expect(r.stderr.contains("--until: \"tomorrow\" is not an RFC 3339 time"), "\(r.stderr)")
    }

    /// Issue 15: a date is accepted wherever a time is; `--until 2026-11-25` is midnight UTC.
    @Test func untilTakesADate() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}
            """)
        let byDate = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-25")
        let byTime = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-25T00:00:00Z")
        #expect(byDate.status == 0, "\(byDate.stderr)")
        #expect(!byDate.stdout.isEmpty && byDate.stdout == byTime.stdout, "\(byDate.stdout)\n\(byTime.stdout)")
    }

    /// Issue 15: `--output table|json` on every command that prints, simulate included.
    @Test func outputIsTheSameAsFormat() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}
            """)
        let output = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--output", "table")
        let format = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--format", "table")
        #expect(output.status == 0 && output.stdout.hasPrefix("AT "), "\(output.stdout)\(output.stderr)")
        #expect(output.stdout == format.stdout)
        #expect(try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--output", "json",
                                   "--format", "table").status != 0)
    }

    @Test func tableFormatIsForPeople() throws {
        let file = try Subprocess.temporaryFile(Self.reps + """

            {"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test","owner":"alice"}}
            """)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-24T20:01:00Z", "--format", "table")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("AT                    KIND") == true)
        #expect(lines.last?.contains("lead.assigned") == true && lines.last?.contains("L1:lead.assigned:1:1") == true)
    }

    @Test func eventsCanComeOnStandardInput() throws {
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", "-", "--until", "2026-11-24T20:01:00Z",
                                   input: Self.reps + "\n" + #"{"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test"}}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""to":"alice","step":1"#), "round robin starts at the first rep: \(r.stdout)")
    }
}
