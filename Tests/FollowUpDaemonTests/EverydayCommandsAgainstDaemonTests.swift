import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15's audit, as a new user meets followupctl: tables that fit a
/// terminal and stay aligned with long ids, a won lead's value, options
/// before the command, a "did you mean" at every level, durations for times.
@Suite(.serialized) struct EverydayCommandsAgainstDaemonTests {
    static func ctl(_ daemon: DaemonProcess, _ arguments: String...) throws -> Subprocess {
        try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
    }

    static let longLead = "crm-0000000000000000000000000042-from-hubspot"
    static let longSource = "web_form_enterprise_campaign_q4"

    static func start() throws -> DaemonProcess {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z")
        let events = """
            [{"type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales","timezone":"America/New_York"}},
             {"type":"lead.captured","lead":{"id":"L1","source":"referral","email":"d@acme.test","owner":"alice"}},
             {"type":"lead.captured","lead":{"id":"\(longLead)","source":"\(longSource)","name":"Long Lead","email":"l@x.test","owner":"alice"}},
             {"type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected"},
             {"type":"lead.status","lead":"L1","status":"won","value":1200.5}]
            """
        #expect(try daemon.post("/v1/events", events).status == 200)
        return daemon
    }

    /// The lines of the table under `title`, up to the next blank line.
    static func table(_ text: String, under title: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.drop { !$0.hasPrefix(title) }.dropFirst().prefix { !$0.isEmpty })
    }

    @Test(arguments: ["rep", "source"])
    func reportTablesFitAHundredColumnsAndExplainTheirHeadings(_ by: String) throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let report = try Self.ctl(daemon, "report", "--by", by)
        #expect(report.status == 0, "\(report.stderr)")
        let lines = report.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
        #expect(lines.contains("Legend (docs/reports.md defines each figure)"), "\(report.stdout)")
        #expect(lines.contains { $0.hasPrefix("  ONE-TOUCH ") }, "\(report.stdout)")
        for title in ["First touch", "Cadence and outcomes"] {
            // A key too long for its column stands on its own line; every other line is as wide as the heading.
            let table = Self.table(report.stdout, under: title).filter { $0 != Self.longSource }
            #expect(table.count >= 4 && Set(table.map(\.count)).count == 1, "\(title):\n\(table.joined(separator: "\n"))")
        }
    }

    @Test func leadsAndQueueStayAlignedWithLongIDs() throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        for (arguments, heading) in [(["leads"], "STATUS"), (["queue", "alice"], "STEP")] {
            let run = try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            let header = lines.first { $0.contains(heading) } ?? ""
            let column = header.range(of: heading).map { header.distance(from: header.startIndex, to: $0.lowerBound) } ?? -1
            // The long id ends its line; the rest of its row goes on below, under the headings.
            let index = lines.firstIndex { $0.hasSuffix(Self.longLead) } ?? lines.endIndex
            #expect(index < lines.endIndex - 1, "\(run.stdout)")
            let rest = index < lines.endIndex - 1 ? lines[index + 1] : ""
            let first = rest.firstIndex { $0 != " " }.map { rest.distance(from: rest.startIndex, to: $0) }
            #expect(first == column, "\(arguments): \(run.stdout)")
        }
    }

    @Test func aWonLeadShowsItsValue() throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let api = try daemon.get("/v1/leads/L1")
        #expect(api.body.contains(#""status":"won","won_value":1200.50,"#), "\(api.body)")
        #expect(try daemon.get("/v1/leads/\(Self.longLead)").body.contains(#""won_value":null"#))
        let show = try Self.ctl(daemon, "lead", "show", "L1")
        #expect(show.stdout.contains("status won (value 1200.50)"), "\(show.stdout)")
        #expect(show.stdout.contains("lead.status won, value 1200.50"), "\(show.stdout)")
    }

    @Test func optionsGoBeforeTheCommandAndMistypedSubcommandsGetASuggestion() throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let json = try Subprocess.run(Subprocess.followupctl, ["--output", "json", "--socket", daemon.socket, "status"],
                                      directory: daemon.directory.path)
        #expect(json.status == 0 && json.stdout.hasPrefix(#"{"status":"ok""#), "\(json.stdout)\(json.stderr)")
        let typo = try Self.ctl(daemon, "lead", "shw", "L1")
        #expect(typo.status == 64)
        #expect(typo.stderr.contains(#"unknown command "lead shw"; did you mean "lead show"?"#), "\(typo.stderr)")
        let rep = try Self.ctl(daemon, "rep", "updat", "alice")
        #expect(rep.stderr.contains(#"did you mean "rep update"?"#), "\(rep.stderr)")
        // A group's own options still reach it.
        #expect(try Self.ctl(daemon, "lead", "show", "L1", "--output", "json").status == 0)
    }

    @Test func leadEraseTakesOutputJSON() throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let erase = try Self.ctl(daemon, "lead", "erase", Self.longLead, "--yes", "--output", "json")
        #expect(erase.status == 0 && erase.stdout.hasPrefix("{") && erase.stdout.contains(#""events":"#),
                "\(erase.stdout)\(erase.stderr)")
    }

    @Test func reportTakesADurationAgo() throws {
        let daemon = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let report = try Self.ctl(daemon, "report", "--since", "30d", "--until", "2026-12-09", "--output", "json")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix(#"{"since":"2026-11-08T15:00:00Z","until":"2026-12-09T00:00:00Z""#), "\(report.stdout)")
    }
}
