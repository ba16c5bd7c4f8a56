import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Best time to call against the real daemon and followupctl (issue 15):
/// `GET /v1/report?by=hour` and `followupctl report --by hour`, calls placed
/// on each lead's own clock and read against the shipped call windows.
@Suite(.serialized) struct CallHoursAgainstDaemonTests {
    static let events = """
        [{"at":"2026-12-07T12:00:00Z","type":"rep.upserted","rep":{"id":"alice","team":"sales"}},
         {"at":"2026-12-07T12:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"a@x.test","owner":"alice","timezone":"Europe/Berlin"}},
         {"at":"2026-12-07T12:00:00Z","type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"b@x.test","owner":"alice"}},
         {"at":"2026-12-07T12:45:00Z","type":"touch.logged","lead":"L2","rep":"alice","channel":"call","outcome":"voicemail"},
         {"at":"2026-12-09T15:30:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected"},
         {"at":"2026-12-09T15:30:00Z","type":"touch.logged","lead":"L2","rep":"alice","channel":"call","outcome":"meeting"},
         {"at":"2026-12-09T15:45:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"},
         {"at":"2026-12-09T15:50:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"email","outcome":"replied"}]
        """

    @Test func connectRateByTheLeadsWeekdayAndHour() throws {
        let daemon = try DaemonProcess(clockStart: "2026-12-10T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        let posted = try daemon.post("/v1/events", Self.events)
        #expect(posted.status == 200, "\(posted.body)")

        let report = try daemon.get("/v1/report?by=hour")
        #expect(report.status == 200, "\(report.body)")
        #expect(report.json["calls"] as? Int == 4 && report.json["connects"] as? Int == 2, "\(report.body)")
        let cells = (report.json["cells"] as? [[String: Any]]) ?? []
        let described = cells.map { "\($0["weekday"] ?? "") \($0["hour"] ?? "") \($0["calls"] ?? "")/\($0["connects"] ?? "") \($0["window"] ?? "")" }
        // Berlin's 16:30 (best window), New York's 10:30 and 07:45 (morning window): the calendar's zone for L2.
        #expect(described == ["mon 7 1/0 morning", "wed 10 1/1 <null>", "wed 16 2/1 best"], "\(report.body)")
        #expect(report.body.contains(#""call_windows":[{"rank":"best","days":["wed","thu"],"hours":[{"from":"16:00","to":"17:00"}]}"#),
                "\(report.body)")

        let table = try ReportingAgainstDaemonTests.ctl(daemon, "report", "--by", "hour")
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("HOUR ") && $0.contains("WED") && $0.contains("SUN") }, "\(table.stdout)")
        #expect(lines.contains { $0.hasPrefix("16h") && $0.contains("50.0%/2*") }, "\(table.stdout)")
        #expect(lines.contains { $0.hasPrefix("07h") && $0.contains("0.0%/1*") }, "\(table.stdout)")
        #expect(lines.contains("  best: Wed, Thu 16:00–17:00"), "\(table.stdout)")
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")

        let csv = try ReportingAgainstDaemonTests.ctl(daemon, "report", "--by", "hour", "--format", "csv")
        #expect(csv.stdout.split(separator: "\n").map(String.init) == [
            "weekday,hour,calls,connects,connect_percent,window", "mon,7,1,0,0.0,morning", "wed,10,1,1,100.0,", "wed,16,2,1,50.0,best",
        ], "\(csv.stdout)")

        let unknown = try daemon.get("/v1/report?by=week")
        #expect(unknown.status == 400 && unknown.body.contains("hour"), "\(unknown.body)")
    }
}
