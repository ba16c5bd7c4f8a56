import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `GET /v1/leads/{id}/events` and `followupctl explain LEAD` against the real
/// followupd and its SQLite log: the replay of what the daemon stored narrates
/// what the daemon did.
@Suite(.serialized) struct ExplainAgainstDaemonTests {
    static let alice = #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales","backup":"bob"}}"#
    static let bob = #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}"#

    /// A daemon with alice, bob, lead L1 captured for alice and touched once, and L2 captured for bob.
    static func seeded() throws -> DaemonProcess {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        for event in [alice, bob,
                      #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"l1@lead.test","owner":"alice"}}"#,
                      #"{"type":"lead.captured","lead":{"id":"L2","source":"web_form","email":"l2@lead.test","owner":"bob"}}"#] {
            let r = try daemon.post("/v1/events", event)
            guard r.status == 200 else { throw APIClient.Failure(description: "\(r.status) \(r.body)") }
        }
        try daemon.advance(to: "2026-11-24T15:02:00Z")
        let touch = try daemon.post("/v1/events", #"{"type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"}"#)
        guard touch.status == 200 else { throw APIClient.Failure(description: "\(touch.status) \(touch.body)") }
        return daemon
    }

    @Test func theEventsEndpointExportsTheLeadsEventsAndEveryRepEventInLogOrder() throws {
        let daemon = try Self.seeded()
        defer { daemon.signal(SIGTERM) }
        let r = try daemon.get("/v1/leads/L1/events")
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body.hasPrefix(#"{"lead":"L1","events":[{"seq":1,"source":"api","received_at":"2026-11-24T15:00:00Z","event":{"#), "\(r.body)")
        let events = r.json["events"] as? [[String: Any]] ?? []
        #expect(events.map { $0["seq"] as? Int } == [1, 2, 3, 5], "L2's capture (#4) is left out")
        #expect(events.compactMap { ($0["event"] as? [String: Any])?["type"] as? String }
                == ["rep.upserted", "rep.upserted", "lead.captured", "touch.logged"])
        #expect((events.last?["event"] as? [String: Any])?["at"] as? String == "2026-11-24T15:02:00Z")

        let unknown = try daemon.get("/v1/leads/L404/events")
        #expect(unknown.status == 404)
        #expect(unknown.body == #"{"error":{"message":"unknown lead \"L404\"","field":"id"}}"#)
    }

    @Test func explainNarratesTheDaemonsLeadUpToNow() throws {
        let daemon = try Self.seeded()
        defer { daemon.signal(SIGTERM) }
        // Step 2 (the confirmation email) is due at the touch with a one-day deadline: three days on it has breached.
        try daemon.advance(to: "2026-11-27T15:00:00Z")
        let r = try Subprocess.run(Subprocess.followupctl, ["explain", "L1", "--config", daemon.configPath],
                                   directory: daemon.directory.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "the daemon's own rules are replayed: no version warning\n\(r.stderr)")
        let out = r.stdout
        #expect(out.contains("2026-11-24T15:00:00Z  event #3 from api: lead.captured"), "\(out)")
        #expect(out.contains("→ lead.assigned to alice, step 1"), "\(out)")
        #expect(out.contains("2026-11-24T15:02:00Z  event #5 from api: touch.logged"), "\(out)")
        #expect(out.contains("→ sla.breached to alice, step 2"), "\(out)")
        #expect(out.contains("at 2026-11-27T15:00:00Z: status open"), "\(out)")
        #expect(!out.contains("L2"), "\(out)")
        // The replay mints the ids the daemon minted.
        let record = try daemon.get("/v1/leads/L1").json
        for notification in record["notifications"] as? [[String: Any]] ?? [] {
            let id = notification["id"] as? String ?? "?"
            #expect(out.contains("[\(id)]"), "\(id) missing from\n\(out)")
        }

        let unknown = try Subprocess.run(Subprocess.followupctl, ["explain", "L404", "--config", daemon.configPath],
                                         directory: daemon.directory.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "followupctl: unknown lead \"L404\" (field: id)\n", "\(unknown.stderr)")
    }

    /// A merge needs the duplicate captured to replay: the export carries the duplicate's events.
    @Test func aMergedDuplicatesEventsComeWithTheSurvivor() throws {
        let daemon = try Self.seeded()
        defer { daemon.signal(SIGTERM) }
        for event in [#"{"type":"lead.captured","lead":{"id":"L3","source":"web_form","email":"l1@lead.test","owner":"bob"}}"#,
                      #"{"type":"lead.merged","lead":"L1","duplicate":"L3"}"#] {
            #expect(try daemon.post("/v1/events", event).status == 200)
        }
        let events = try daemon.get("/v1/leads/L1/events").json["events"] as? [[String: Any]] ?? []
        #expect(events.map { $0["seq"] as? Int } == [1, 2, 3, 5, 6, 7], "L2's capture (#4) is left out")
        let r = try Subprocess.run(Subprocess.followupctl, ["explain", "L1", "--config", daemon.configPath],
                                   directory: daemon.directory.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("event #7 from api: lead.merged"), "\(r.stdout)")
    }

    /// Round robin counts every lead the team got; a replay of one lead cannot, and says so.
    @Test func aReplayThatRoutesElsewhereSaysWhy() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { daemon.signal(SIGTERM) }
        for event in [Self.alice, Self.bob,
                      #"{"type":"lead.captured","lead":{"id":"R1","source":"web_form","email":"r1@lead.test"}}"#,
                      #"{"type":"lead.captured","lead":{"id":"R2","source":"web_form","email":"r2@lead.test"}}"#] {
            #expect(try daemon.post("/v1/events", event).status == 200)
        }
        let owner = try daemon.get("/v1/leads/R2").json["lead"] as? [String: Any]
        #expect(owner?["owner"] as? String == "bob", "round robin: alice had R1")
        let r = try Subprocess.run(Subprocess.followupctl, ["explain", "R2", "--config", daemon.configPath],
                                   directory: daemon.directory.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("owner alice"), "\(r.stdout)")
        #expect(r.stderr.contains("the daemon has R2 owned by bob; this replay gave it to alice"), "\(r.stderr)")
    }
}
