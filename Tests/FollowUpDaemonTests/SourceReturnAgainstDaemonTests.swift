import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// ROI by source against the real daemon and the real followupctl (issue 15,
/// "Learn from leads"): wins with a value, sources with a cost per month in
/// followupd.yaml, and `report --by source` as JSON, table and CSV.
@Suite(.serialized) struct SourceReturnAgainstDaemonTests {
    static let costs = """
        sources:
          web_form: {cost_per_month: 1200}
          trade_show:
            cost_per_month: 0
          "=cmd|' /C calc'!A0": {cost_per_month: 10}
        """

    static func source(_ report: APIClient.Reply, _ name: String) -> [String: Any] {
        ((report.json["sources"] as? [[String: Any]]) ?? []).first { $0["source"] as? String == name } ?? [:]
    }

    @Test func revenueCostAndROIPerSource() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", extra: Self.costs)
        defer { _ = daemon.signal(SIGTERM) }
        // In November: an event earlier than the last one applied would be applied at that one's time.
        #expect(try daemon.post("/v1/events", #"{"at":"2026-11-10T14:00:00Z","type":"rep.upserted","rep":{"id":"alice","team":"sales"}}"#).status == 200)
        let captures = [("L1", "web_form"), ("L2", "web_form"), ("L3", "web_form"), ("L4", "referral"), ("L5", "=cmd|' /C calc'!A0")].map { id, source in
            #"{"at":"2026-11-10T15:00:00Z","type":"lead.captured","lead":{"id":"\#(id)","source":"\#(source)","email":"\#(id)@x.test","owner":"alice"}}"#
        }
        #expect(try daemon.post("/v1/events", "[" + captures.joined(separator: ",") + "]").status == 200)

        // A bad value is refused naming the field, and changes nothing.
        for bad in [#""value":-5"#, #""value":"5000""#, #""value":1e12"#] {
            let answer = try daemon.post("/v1/events", #"{"type":"lead.status","lead":"L1","status":"won",\#(bad)}"#)
            #expect(answer.status == 400, "\(bad): \(answer.body)")
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "value", "\(answer.body)")
        }
        let won = try ReportingAgainstDaemonTests.ctl(daemon, "lead", "status", "L1", "won", "--value", "5000")
        #expect(won.status == 0, "\(won.stderr)")
        let wrong = try ReportingAgainstDaemonTests.ctl(daemon, "lead", "status", "L3", "lost", "--value", "10")
        #expect(wrong.status != 0 && wrong.stderr.contains("--value goes with won only"), "\(wrong.stderr)")
        #expect(try daemon.post("/v1/events", #"{"type":"lead.status","lead":"L2","status":"won"}"#).status == 200)
        #expect(try daemon.post("/v1/events", #"{"type":"lead.status","lead":"L4","status":"won","value":300.5}"#).status == 200)
        #expect(try daemon.post("/v1/events", #"{"type":"lead.status","lead":"L5","status":"won","value":1}"#).status == 200)

        let november = "since=2026-11-01T00:00:00Z&until=2026-12-01T00:00:00Z"
        let report = try daemon.get("/v1/report?by=source&\(november)")
        #expect(report.status == 200, "\(report.body)")
        let web = Self.source(report, "web_form")
        #expect(web["leads"] as? Int == 3 && web["won"] as? Int == 2, "\(web)")
        #expect(web["revenue"] as? Double == 5000 && web["won_with_value"] as? Int == 1, "\(web)")
        #expect(web["cost"] as? Double == 1200, "a whole month costs the month: \(web)")
        #expect(web["cost_per_lead"] as? Double == 400 && web["cost_per_win"] as? Double == 600, "\(web)")
        #expect(web["roi"] as? Double == 3.17, "(5000 - 1200) / 1200: \(web)")
        #expect(report.body.contains(#""revenue":5000.00"#), "money has two decimals: \(report.body)")
        // Costs nothing: no ROI (nothing to divide by). Brought no lead: listed all the same.
        let show = Self.source(report, "trade_show")
        #expect(show["leads"] as? Int == 0 && show["cost"] as? Double == 0, "\(show)")
        #expect(show["roi"] is NSNull && show["cost_per_lead"] is NSNull && show["cost_per_win"] is NSNull, "\(show)")
        // No cost in the config: revenue, and null for everything that needs a cost.
        let referral = Self.source(report, "referral")
        #expect(referral["revenue"] as? Double == 300.5 && referral["cost"] is NSNull && referral["roi"] is NSNull, "\(referral)")
        // Half of November costs half of it.
        let half = try daemon.get("/v1/report?by=source&since=2026-11-01T00:00:00Z&until=2026-11-16T00:00:00Z")
        #expect(Self.source(half, "web_form")["cost"] as? Double == 600, "\(half.body)")

        let table = try ReportingAgainstDaemonTests.ctl(daemon, "report", "--by", "source", "--since", "2026-11-01", "--until", "2026-12-01")
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Revenue and ROI by source") }, "\(table.stdout)")
        let webLine = lines.last { $0.hasPrefix("web_form ") } ?? ""
        #expect(webLine.contains("5000.00") && webLine.contains("1200.00") && webLine.contains("400.00")
                && webLine.hasSuffix("317%"), "\(table.stdout)")
        let showLine = lines.last { $0.hasPrefix("trade_show ") } ?? ""
        #expect(showLine.hasSuffix("—"), "no division by zero: \(table.stdout)")
        // The money table fits 100 columns (the per-group table above it is not this change's).
        let money = lines.drop { !$0.hasPrefix("Revenue and ROI by source") }
        #expect(!money.isEmpty && money.allSatisfy { $0.count <= 100 }, "\(money.filter { $0.count > 100 })")

        let csv = try ReportingAgainstDaemonTests.ctl(daemon, "report", "--by", "source", "--since", "2026-11-01", "--until", "2026-12-01",
                                                      "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasSuffix(",revenue,won_with_value,cost,cost_per_lead,cost_per_win,roi") == true, "\(csv.stdout)")
        #expect(rows.contains { $0.hasPrefix("web_form,") && $0.hasSuffix(",5000.00,1,1200.00,400.00,600.00,3.17") }, "\(csv.stdout)")
        // A source a spreadsheet would run as a formula starts with ' (its loss keeps its sign).
        #expect(!rows.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") }, "formula-safe: \(csv.stdout)")
        #expect(rows.contains { $0.hasPrefix("'=cmd") && $0.hasSuffix(",1.00,1,10.00,10.00,10.00,-0.90") }, "\(csv.stdout)")
    }
}
