import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Reports, the calendar feed, CSV import and the dashboard, against the real
/// followupd binary and the real followupctl, the way a sales team meets them.
@Suite(.serialized) struct ReportingAgainstDaemonTests {
    static func ctl(_ daemon: DaemonProcess, _ arguments: String...) throws -> Subprocess {
        try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
    }

    static func write(_ text: String, _ name: String, in daemon: DaemonProcess) throws -> String {
        let path = daemon.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func leadCount(_ daemon: DaemonProcess) throws -> Int {
        ((try daemon.get("/v1/leads?limit=1000")).json["leads"] as? [Any])?.count ?? -1
    }

    static let reps = """
        [{"type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales","backup":"bob"}},
         {"type":"rep.upserted","rep":{"id":"bob","email":"bob@x.test","team":"sales"}}]
        """

    @Test func importChecksEveryRowAndIsSafeToRepeat() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)

        let bad = try Self.write("""
            Lead ID,Source,E-mail,Owner,Captured At,Notes
            L1,web_form,dana@acme.test,alice,2026-12-08T14:00:00Z,"likes calls, mornings"
            L2,web_form,not-an-email,alice,2026-12-08T14:01:00Z,
            L3,,eve@x.test,bob,last tuesday,

            """, "bad.csv", in: daemon)
        let rejected = try Self.ctl(daemon, "import", bad, "--map", "Lead ID=id")
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("\(bad):3:3(E-mail): not an email address: \"not-an-email\""), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("\(bad):4:2(Source): required"), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("\(bad):4:5(Captured At): expected an RFC 3339 time"), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("2 bad rows in \(bad): nothing imported"), "\(rejected.stderr)")
        #expect(try Self.leadCount(daemon) == 0, "a file with errors imports nothing")

        let dry = try Self.ctl(daemon, "import", bad, "--map", "Lead ID=id", "--skip-bad-rows", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.split(separator: "\n").count == 1)
        #expect(dry.stdout.contains(#""notes":"likes calls, mornings""#), "\(dry.stdout)")
        #expect(try Self.leadCount(daemon) == 0, "a dry run sends nothing")

        let skipped = try Self.ctl(daemon, "import", bad, "--map", "Lead ID=id", "--skip-bad-rows")
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("imported 1 lead from \(bad): 1 new, 0 already known; 2 bad rows skipped"), "\(skipped.stdout)")

        let good = try Self.write("""
            id,source,email,owner,at
            L1,web_form,dana@acme.test,alice,2026-12-08T14:00:00Z
            L4,referral,eve@x.test,bob,2026-12-08T14:02:00Z
            L5,trade_show,,bob,2026-12-08T14:03:00Z

            """, "good.csv", in: daemon)
        let first = try Self.ctl(daemon, "import", good)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported 3 leads from \(good): 2 new, 1 already known"), "\(first.stdout)")
        let again = try Self.ctl(daemon, "import", good)
        #expect(again.stdout.contains("0 new, 3 already known"), "\(again.stdout) \(again.stderr)")
        let json = try Self.ctl(daemon, "import", good, "--output", "json")
        #expect(json.stdout == #"{"file":"\#(good)","imported":3,"new":0,"known":3,"skipped":0}"# + "\n", "\(json.stdout) \(json.stderr)")
        #expect(try Self.leadCount(daemon) == 3, "re-running an import changes nothing")

        let stranger = try Self.write("id,source,owner\nL9,web_form,zed\n", "stranger.csv", in: daemon)
        let unknown = try Self.ctl(daemon, "import", stranger)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("\(stranger):2:3(owner): unknown rep \"zed\""), "\(unknown.stderr)")
        #expect(try Self.leadCount(daemon) == 3)

        // The daemon would reject a capture ahead of its clock mid-file: found before anything is sent.
        let early = try Self.write("id,source,at\nL7,web_form,2026-12-08T15:00:30Z\nL8,web_form,2026-12-09T09:00:00Z\n",
                                   "future.csv", in: daemon)
        let future = try Self.ctl(daemon, "import", early)
        #expect(future.status == 1)
        #expect(future.stderr.contains("\(early):3:3(at): 2026-12-09T09:00:00Z is in the future"), "\(future.stderr)")
        #expect(try Self.leadCount(daemon) == 3)

        // A file larger than one request: three batches, and still safe to repeat.
        let many = try Self.write("id,source,owner,notes\n" + (1...1_100).map { "M\($0),referral,bob,\"row \($0), with a comma\"" }
            .joined(separator: "\r\n") + "\r\n", "many.csv", in: daemon)
        let big = try Self.ctl(daemon, "import", many)
        #expect(big.stdout.contains("imported 1100 leads from \(many): 1100 new, 0 already known"), "\(big.stdout) \(big.stderr)")
        let bigAgain = try Self.ctl(daemon, "import", many)
        #expect(bigAgain.stdout.contains("1100 leads from \(many): 0 new, 1100 already known"), "\(bigAgain.stdout) \(bigAgain.stderr)")
    }

    /// L1 and L2 met the SLA (L2 won), L4 was touched late, L3 never: 50%.
    /// Follow-through (shipped rules): a hot signal on L1 (its step 2 is open)
    /// and L4 snoozed; a bounced touch on L3 leaves it never touched. Each
    /// lead was offered once (lead.assigned, step 1); alice accepted L1 in 1 min.
    static func seed(_ daemon: DaemonProcess) throws {
        // In time order: the timeline applies an event older than the last one at the last one's time.
        let events = """
            [{"at":"2026-12-08T13:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales","backup":"bob"}},
             {"at":"2026-12-08T13:00:00Z","type":"rep.upserted","rep":{"id":"bob","email":"bob@x.test","team":"sales"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana <b>&","company":"Acme","email":"d@acme.test","phone":"+1 555 0100","owner":"alice"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"e@x.test","owner":"alice"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L3","source":"referral","name":"Eve <b>&","company":"O'Hara \\"Ltd\\"","email":"f@x.test","owner":"bob"}},
             {"at":"2026-12-08T14:01:00Z","type":"lead.accepted","lead":"L1","rep":"alice"},
             {"at":"2026-12-08T14:02:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"},
             {"at":"2026-12-08T14:03:00Z","type":"touch.logged","lead":"L2","rep":"alice","channel":"call","outcome":"connected"},
             {"at":"2026-12-08T14:04:00Z","type":"lead.status","lead":"L2","status":"won"},
             {"at":"2026-12-08T14:10:00Z","type":"lead.activity","lead":"L1","action":"quote_requested"},
             {"at":"2026-12-08T14:20:00Z","type":"touch.logged","lead":"L3","rep":"bob","channel":"email","outcome":"bounced"},
             {"at":"2026-12-08T14:30:00Z","type":"lead.captured","lead":{"id":"L4","source":"web_form","email":"g@x.test","owner":"bob"}},
             {"at":"2026-12-08T16:00:00Z","type":"touch.logged","lead":"L4","rep":"bob","channel":"call","outcome":"no_answer"},
             {"at":"2026-12-08T16:05:00Z","type":"lead.snoozed","lead":"L4","until":"2026-12-21T15:00:00Z","rep":"bob","reason":"after the budget meeting"}]
            """
        let posted = try daemon.post("/v1/events", events)
        #expect(posted.status == 200, "\(posted.body)")
        try daemon.advance(to: "2026-12-08T20:00:00Z")
    }

    @Test func reportAndCalendarFeed() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z")
        try Self.seed(daemon)

        let json = try daemon.get("/v1/report?by=source&since=2026-12-08T00:00:00Z")
        #expect(json.status == 200, "\(json.body)")
        let total = json.json["total"] as? [String: Any] ?? [:]
        #expect(total["leads"] as? Int == 4)
        #expect(total["sla_met"] as? Int == 2 && total["sla_missed"] as? Int == 2, "\(total)")
        #expect(total["won"] as? Int == 1 && total["never_touched"] as? Int == 1, "L3's bounced email is no touch: \(total)")
        #expect(total["touches"] as? Int == 3, "\(total)")
        #expect(total["snoozed_now"] as? Int == 1 && total["hot_signals"] as? Int == 1, "\(total)")
        #expect(total["breaches_repeated"] as? Int == 0 && total["moved_after_breaches"] as? Int == 0, "\(total)")
        #expect(total["check_ins_sent"] as? Int == 0 && total["check_ins_answered_percent"] is NSNull, "\(total)")
        #expect(total["offered"] as? Int == 4 && total["accepted"] as? Int == 1, "\(total)")
        #expect((total["acceptance_percent"] as? NSNumber)?.doubleValue == 25.0, "\(total)")
        #expect(total["time_to_accept_median_seconds"] as? Int == 60, "\(total)")
        #expect(total["declines"] as? Int == 0 && total["moved_by_deactivation"] as? Int == 0 && total["merges"] as? Int == 0,
                "\(total)")
        // In cadence now: L1 (step 2), L3 (step 1, unrouted but open), L4 (snoozed); L2 is won.
        let load = json.json["team_load"] as? [[String: Any]] ?? []
        #expect(load.count == 1 && load.first?["team"] as? String == "sales" && load.first?["leads_in_cadence"] as? Int == 3,
                "\(load)")
        #expect((json.json["groups"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["referral", "web_form"])
        #expect(try daemon.get("/v1/report?by=weekday").status == 400)
        // A zone offset arrives percent-encoded ("+" is %2B); 15:30 in UTC+1 is 14:30Z: L4 only.
        let offset = try daemon.get("/v1/report?since=2026-12-08T15:30:00%2B01:00")
        #expect((offset.json["total"] as? [String: Any])?["leads"] as? Int == 1, "\(offset.body)")
        let backwards = try daemon.get("/v1/report?since=2026-12-09T00:00:00Z&until=2026-12-08T00:00:00Z")
        #expect(backwards.status == 400 && backwards.body.contains(#""field":"until""#), "\(backwards.body)")
        #expect(try daemon.get("/v1/report?sinse=2026-12-01T00:00:00Z").json["error"] != nil)

        let table = try Self.ctl(daemon, "report", "--since", "2026-12-08", "--by", "rep")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("SLA%"), "\(table.stdout)")
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("TOTAL") && $0.contains("50.0") }, "\(table.stdout)")
        #expect(table.stdout.contains("Conversion by source"))
        // The follow-through figures are a second table, so the report stays readable in a terminal.
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let followThrough = lines.drop { !$0.hasPrefix("Follow-through") }.dropFirst().prefix { !$0.isEmpty }
        #expect(followThrough.first?.split(separator: " ") == ["REP", "SNOOZED", "REPEATED", "MOVED", "CHECK-INS", "ANSWERED", "ANS%", "HOT"],
                "\(table.stdout)")
        #expect(followThrough.last?.split(separator: " ") == ["TOTAL", "1", "0", "0", "0", "0", "-", "1"], "\(table.stdout)")
        #expect(followThrough.allSatisfy { $0.count <= 100 }, "\(table.stdout)")
        // Accept and decline, reps leaving, merges: a third table; then the load of each team.
        let people = lines.drop { !$0.hasPrefix("Acceptance and routing") }.dropFirst().prefix { !$0.isEmpty }
        #expect(people.first?.split(separator: " ") == ["REP", "OFFERED", "ACCEPTED", "ACC%", "TO-ACCEPT", "DECLINED",
                                                         "OWNER-LEFT", "MERGED"], "\(table.stdout)")
        #expect(people.last?.split(separator: " ") == ["TOTAL", "4", "1", "25.0", "1m", "0", "0", "0"], "\(table.stdout)")
        let teams = lines.drop { !$0.hasPrefix("Load by team now") }.dropFirst().prefix { !$0.isEmpty }
        #expect(Array(teams).map { $0.split(separator: " ") } == [["TEAM", "IN", "CADENCE"], ["sales", "3"]], "\(table.stdout)")
        #expect((people + teams).allSatisfy { $0.count <= 100 }, "\(table.stdout)")
        let csv = try Self.ctl(daemon, "report", "--by", "rep", "--format", "csv")
        #expect(csv.stdout.hasPrefix("rep,leads,sla_met_percent,"), "\(csv.stdout)")
        #expect(csv.stdout.contains("\n(total),4,50.0,2,2,0,"), "\(csv.stdout)")
        let csvLines = csv.stdout.split(separator: "\n")
        #expect(csvLines.first?.hasSuffix(",lost,snoozed_now,breaches_repeated,moved_after_breaches,check_ins_sent,"
            + "check_ins_answered,check_ins_answered_percent,hot_signals,offered,accepted,acceptance_percent,"
            + "time_to_accept_median_seconds,declines,moved_by_deactivation,merges") == true, "\(csv.stdout)")
        #expect(csvLines.last?.hasSuffix(",1,0,0,0,0,,1,4,1,25.0,60,0,0,0") == true, "\(csv.stdout)")
        let ctlJSON = try Self.ctl(daemon, "report", "--format", "json")
        #expect(ctlJSON.stdout.hasPrefix(#"{"since":null,"until":null,"as_of":"2026-12-08T20:00:00Z","by":"rep""#), "\(ctlJSON.stdout)")
        #expect(try Self.ctl(daemon, "report", "--since", "someday").status != 0)

        let feed = try daemon.get("/v1/reps/alice/calendar.ics")
        #expect(feed.status == 200)
        #expect(feed.headers.first { $0.key.lowercased() == "content-type" }?.value.hasPrefix("text/calendar") == true)
        #expect(try daemon.get("/v1/reps/nobody/calendar.ics").status == 404)
        // APIClient keeps the body as sent: CRLF line ends, folded at 75 octets.
        #expect(feed.body.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") })
        let file = try Self.write(feed.body, "alice.ics", in: daemon)
        let parsed = try Subprocess.run("/usr/bin/python3", ["-c", Self.icalendarCheck, file], directory: nil)
        #expect(parsed.status == 0, "python3-icalendar rejected the feed: \(parsed.stderr)")
        // L1 waits for its confirmation email (step 2); L2 is won and has none.
        #expect(parsed.stdout.contains("step-2-L1@followupd"), "\(parsed.stdout)")
        #expect(!parsed.stdout.contains("L2"), "\(parsed.stdout)")
    }

    /// Parses strictly with Debian's python3-icalendar and prints each event.
    static let icalendarCheck = """
        import sys, datetime, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        assert cal.name == 'VCALENDAR' and str(cal['VERSION']) == '2.0' and 'PRODID' in cal, 'calendar header'
        events = cal.walk('VEVENT')
        assert events, 'no events'
        for e in events:
            for key in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'):
                assert key in e, key + ' missing'
            for key in ('DTSTAMP', 'DTSTART', 'DTEND'):
                value = e.decoded(key)
                assert isinstance(value, datetime.datetime) and value.utcoffset() == datetime.timedelta(0), key + ' not UTC'
            assert e.decoded('DTEND') > e.decoded('DTSTART'), 'empty event'
            print(e['UID'], e.decoded('DTSTART').isoformat(), e['SUMMARY'])
        """

    @Test func dashboardRendersInHeadlessChromium() throws {
        // The page's URL carries a read token; a full token never travels in a URL.
        let readToken = "managers-read-token"
        let daemon = try DaemonProcess(clockStart: "2026-12-08T16:30:00Z", tcp: true) { daemon in
            try "admin \(DaemonProcess.token)\nread \(readToken)\n".write(toFile: daemon.tokenFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: daemon.tokenFile)
        }
        try Self.seed(daemon)
        let base = try daemon.tcpBaseURL
        let raw = try daemon.get("/dashboard")
        #expect(raw.status == 200, "the socket needs no token")
        #expect(raw.body.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#), "laid out for phones")
        #expect(!raw.body.contains("<script") && !raw.body.contains("src=") && !raw.body.contains("<link"), "no script, no external asset")
        #expect(raw.headers.first { $0.key.lowercased() == "content-security-policy" }?.value.hasPrefix("default-src 'none'") == true)
        // Its URLs carry a token (`?token=`) and its rows link out to the CRM: no Referer may take the token along.
        #expect(raw.headers.first { $0.key.lowercased() == "referrer-policy" }?.value == "no-referrer")
        // Learning from leads: the ROI card and the best-time-to-call heat map are on the page.
        #expect(raw.body.contains(#"id="source-return""#) && raw.body.contains(#"id="best-time-to-call""#))
        // alice holds L1 (the hot signal), bob L4 (snoozed); then the total.
        #expect(raw.body.contains(#"<section class="card wide" id="follow-through"><h2>Follow-through</h2>"#), "\(raw.body)")
        #expect(raw.body.contains(#"<tr><td>alice</td><td class="n">0</td><td class="n">0</td><td class="n">0</td>"#
            + #"<td class="n">0</td><td class="n">0</td><td class="n">1</td></tr>"#), "\(raw.body)")
        #expect(raw.body.contains(#"<tr class="total"><td>Total</td><td class="n">1</td><td class="n">0</td><td class="n">0</td>"#
            + #"<td class="n">0</td><td class="n">0</td><td class="n">1</td></tr>"#), "\(raw.body)")
        // alice was offered L1 and L2 and accepted L1 after 1 minute; the team's load: L1, L3, L4 in cadence.
        #expect(raw.body.contains(#"<section class="card wide" id="people-and-routing"><h2>Acceptance and routing</h2>"#),
                "\(raw.body)")
        #expect(raw.body.contains(#"<tr><td>alice</td><td class="n">2</td><td class="n">1 (50.0%)</td><td class="n">1 min</td>"#
            + #"<td class="n">0</td><td class="n">0</td><td class="n">0</td></tr>"#), "\(raw.body)")
        #expect(raw.body.contains(#"<tr><td>sales</td><td class="n">3</td></tr>"#), "\(raw.body)")
        #expect(raw.body.contains("Eve &lt;b&gt;&amp;<br><small>") || raw.body.contains("Eve &lt;b&gt;&amp;, O&#39;Hara &quot;Ltd&quot;"),
                "lead strings are escaped: \(raw.body)")

        let url = "\(base)/dashboard?token=\(readToken)"
        let profile = daemon.directory.appendingPathComponent("chromium-profile").path
        let chromium = try Subprocess.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom", url,
        ], directory: nil)
        #expect(chromium.status == 0, "\(chromium.stderr)")
        let dom = chromium.stdout
        for id in ["sla-by-rep", "speed-to-lead", "sla-per-week", "touches-per-lead", "breaches-by-rep", "conversion-by-source", "follow-through",
                   "people-and-routing", "team-load", "overdue"] {
            #expect(dom.contains("id=\"\(id)\""), "section \(id) missing")
        }
        #expect(dom.components(separatedBy: "<svg").count - 1 == 6, "six charts")
        #expect(dom.contains("<rect"), "bars drawn")
        #expect(dom.contains("Eve &lt;b&gt;&amp;"), "the overdue list names L3")
        #expect(!dom.contains("<b>"), "no markup from lead strings")
        let console = chromium.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")

        // Without the token the browser gets a 401, as everything else on TCP.
        let denied = try Subprocess.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
            "--dump-dom", "\(base)/dashboard",
        ], directory: nil)
        #expect(denied.stdout.contains("missing Authorization"), "\(denied.stdout)")

        // ?token= opens only the dashboard and the calendar feeds; everything else needs the header.
        func status(_ url: String, header: Bool = false) throws -> String {
            try Subprocess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", url]
                + (header ? ["-H", "Authorization: Bearer \(DaemonProcess.token)"] : []), directory: nil).stdout
        }
        #expect(try status("\(base)/v1/reps/alice/calendar.ics?token=\(readToken)") == "200")
        #expect(try status("\(base)/v1/status?token=\(readToken)") == "401")
        #expect(try status("\(base)/v1/report?token=\(readToken)") == "401")
        #expect(try status("\(base)/dashboard?token=wrong") == "401")
        #expect(try status("\(base)/v1/report", header: true) == "200")
    }
}
