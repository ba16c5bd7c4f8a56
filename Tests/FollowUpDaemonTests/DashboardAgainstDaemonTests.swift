import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard a sales manager opens (issue 15), served by the real
/// followupd binary: targets from `dashboard:`, reps by name, times on the
/// reader's clock, filters in the URL, rows linking to the lead, an optional
/// reload, errors as pages.
@Suite(.serialized) struct DashboardAgainstDaemonTests {
    static let readToken = "managers-read-token"
    static let targets = """
        lead_url: "https://crm.example/leads/{lead}"
        dashboard:
          sla_goal: 95
          amber_below: 80%
          red_below: 60
        """

    /// A daemon on TCP with an admin and a read token, seeded as ReportingAgainstDaemonTests
    /// (L1, L2 alice; L3, L4 bob; 50% within SLA) and alice named "Alice <Smith>".
    static func daemon(extra: String) throws -> DaemonProcess {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z", extra: extra, tcp: true) { daemon in
            try "admin \(DaemonProcess.token)\nread \(readToken)\n".write(toFile: daemon.tokenFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: daemon.tokenFile)
        }
        try ReportingAgainstDaemonTests.seed(daemon)
        let named = try daemon.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"alice","name":"Alice <Smith>","email":"alice@x.test","team":"sales","backup":"bob"}}"#)
        #expect(named.status == 200, "\(named.body)")
        return daemon
    }

    /// `(status, body)` of a GET on the TCP listener, as a browser sends it (the token in the URL).
    static func browse(_ daemon: DaemonProcess, _ path: String) throws -> (status: Int, body: String) {
        let separator = path.contains("?") ? "&" : "?"
        let out = try Subprocess.run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}",
                                                       try daemon.tcpBaseURL + path + separator + "token=\(readToken)"], directory: nil).stdout
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
    }

    @Test func targetsNamesLocalTimesAndLinks() throws {
        let daemon = try Self.daemon(extra: Self.targets)
        defer { _ = daemon.signal(SIGTERM) }
        let page = try Self.browse(daemon, "/dashboard")
        #expect(page.status == 200, "\(page.body)")
        // 50% within the SLA: below red_below (60%), so red, against a 95% goal drawn on the SLA charts.
        #expect(page.body.contains(#"<div class="tile red" id="sla-tile">"#), "\(page.body)")
        #expect(page.body.contains("2 of 4 · goal 95%"), "\(page.body)")
        #expect(page.body.components(separatedBy: #"<line class="goal""#).count - 1 == 2, "a goal line on both SLA charts")
        #expect(page.body.contains(#"class="bar red"/>"#), "\(page.body)")
        // Reps by name, escaped; ids stay in the links.
        #expect(page.body.contains("<tr><td>Alice &lt;Smith&gt;</td>"), "\(page.body)")
        #expect(!page.body.contains("<tr><td>alice</td>"), "\(page.body)")
        // Times on the team's clock, the zone named: 20:00Z is 15:00 in New York.
        #expect(page.body.contains(#"as of Tue 15:00 · times in <span id="zone">America/New_York</span>"#), "\(page.body)")
        // The overdue rows: the lead links to the CRM, the owner to the dashboard narrowed to them,
        // the step says what it asks, the deadline is local with how late it is.
        #expect(page.body.contains(#"<a href="https://crm.example/leads/L3">L3</a>"#), "\(page.body)")
        #expect(page.body.contains(#"<td data-label="Owner"><a href="/dashboard?rep=bob&amp;since="#), "\(page.body)")
        #expect(page.body.contains(#"<td data-label="Step">1 first touch (call)</td>"#), "\(page.body)")
        #expect(page.body.contains(#"<td data-label="Deadline">Tue 13:00</td><td data-label="Late by" class="late">2 h late</td>"#),
                "\(page.body)")
        #expect(!page.body.contains("http-equiv=\"refresh\""), "no reload unless asked")
    }

    @Test func filtersInTheURLAndErrorsAsPages() throws {
        let daemon = try Self.daemon(extra: Self.targets)
        defer { _ = daemon.signal(SIGTERM) }
        // bob's leads only (L3, L4), read on bob's clock; the form shows the filter.
        let bob = try Self.browse(daemon, "/dashboard?rep=bob")
        #expect(bob.status == 200, "\(bob.body)")
        #expect(bob.body.contains(#"<div class="k">Leads</div><div class="n">2</div>"#), "\(bob.body)")
        #expect(bob.body.contains(#"<option value="bob" selected>bob</option>"#), "\(bob.body)")
        #expect(!bob.body.contains("crm.example/leads/L1"), "\(bob.body)")
        let referral = try Self.browse(daemon, "/dashboard?source=referral&team=sales")
        #expect(referral.body.contains(#"<div class="k">Leads</div><div class="n">1</div>"#), "\(referral.body)")
        // Dates on the reader's clock; until a date is to the end of that day.
        let dated = try Self.browse(daemon, "/dashboard?since=2026-12-08&until=2026-12-08")
        #expect(dated.status == 200, "\(dated.body)")
        #expect(dated.body.contains("Leads captured from 2026-12-08 until 2026-12-08 "), "\(dated.body)")
        #expect(dated.body.contains(#"<div class="k">Leads</div><div class="n">4</div>"#), "\(dated.body)")
        #expect(try Self.browse(daemon, "/dashboard?since=2026-12-09").body.contains(#"<div class="n">0</div>"#))
        #expect(try Self.browse(daemon, "/dashboard?since=2d").status == 200, "a span back from now")
        // Reload on request.
        let reloading = try Self.browse(daemon, "/dashboard?refresh=60")
        #expect(reloading.body.contains(#"<meta http-equiv="refresh" content="60">"#), "\(reloading.body)")

        // Bad values: an HTML page naming the parameter, with the API's status; never raw JSON.
        for (query, field, words) in [("since=yesterday", "since", "expected a date (2026-12-09)"),
                                      ("since=2026-12-08&until=2026-12-01", "until", "must be after since"),
                                      ("refresh=5", "refresh", "at least 10"),
                                      ("rep=zed", "rep", "unknown rep &quot;zed&quot;"),
                                      ("team=%3Cb%3E", "team", "unknown team &quot;&lt;b&gt;&quot;"),
                                      ("colour=red", "colour", "unknown query parameter")] {
            let bad = try Self.browse(daemon, "/dashboard?\(query)")
            #expect(bad.status == 400, "\(query): \(bad.body)")
            #expect(bad.body.hasPrefix("<!DOCTYPE html>"), "\(query): \(bad.body)")
            #expect(bad.body.contains("<code>\(field)</code>: "), "\(query): \(bad.body)")
            #expect(bad.body.contains(words), "\(query): \(bad.body)")
            #expect(!bad.body.contains("<b>"), "escaped: \(bad.body)")
        }
        // Without a token the browser still gets a page, saying what is needed.
        let out = try Subprocess.run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", try daemon.tcpBaseURL + "/dashboard"], directory: nil).stdout
        #expect(out.hasSuffix("\n401") && out.hasPrefix("<!DOCTYPE html>") && out.contains("missing Authorization"), "\(out)")
    }

    /// Without `lead_url`, a row links to the lead's record in the API, with the
    /// page's read token (the one other path that takes `?token=`); the default targets apply.
    @Test func withoutALeadURLRowsOpenTheLeadRecord() throws {
        let daemon = try Self.daemon(extra: "")
        defer { _ = daemon.signal(SIGTERM) }
        let page = try Self.browse(daemon, "/dashboard")
        #expect(page.body.contains(#"<a href="/v1/leads/L3?token=\#(Self.readToken)">L3</a>"#), "\(page.body)")
        #expect(page.body.contains("2 of 4 · goal 90%"), "\(page.body)")
        let record = try Self.browse(daemon, "/v1/leads/L3")
        #expect(record.status == 200 && record.body.contains(#""id":"L3""#), "\(record.body)")
        #expect(try Self.browse(daemon, "/v1/leads/L3/events").status == 401, "only the record itself takes ?token=")
    }
}
