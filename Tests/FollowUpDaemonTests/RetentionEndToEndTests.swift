import Foundation
import FollowUpTestSupport
import Testing

/// `retention:` in the real daemon, on SQLite and on PostgreSQL: a pass runs
/// at start and prunes the old closed lead's history and the old delivered
/// rows, not the open lead's.
@Suite struct RetentionEndToEndTests {
    /// The lead's own events (`GET /v1/leads/{id}`; `/events` adds every rep event).
    static func events(_ daemon: DaemonProcess, _ lead: String) throws -> [[String: Any]] {
        try daemon.get("/v1/leads/\(lead)").json["events"] as? [[String: Any]] ?? []
    }

    /// On PostgreSQL the node leads (one node) and its leader's store prunes.
    @Test(arguments: ["sqlite", "postgres"])
    func aPassAtStartPrunesTheClosedLeadAndKeepsTheOpenOne(_ store: String) async throws {
        let url = store == "postgres" ? try await PostgresCluster.shared().makeDatabase().url : nil
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", setUp: { $0.databaseURL = url })
        let seeded = try daemon.post("/v1/events", """
            [{"type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales"}},
             {"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"l1@x.test","owner":"alice"}},
             {"type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected"},
             {"type":"lead.status","lead":"L1","status":"won"},
             {"type":"lead.captured","lead":{"id":"L2","source":"referral","email":"l2@x.test","owner":"alice"}}]
            """)
        #expect(seeded.status == 200, "\(seeded.body)")
        let l2 = try Self.events(daemon, "L2").count
        #expect(try Self.events(daemon, "L1").count == 3 && l2 == 1)
        // The log receiver has delivered L1's assignment.
        #expect(RelayProcess.waitUntil(10) {
            ((try? daemon.get("/v1/outbox?state=delivered&id=L1:lead.assigned:1:1").body) ?? "").contains("L1:lead.assigned")
        })
        #expect(daemon.signal(SIGTERM) == 0, "\(daemon.stderr)")

        // Four days on, keeping two: L1 (won, last event four days ago) goes, L2 (open) stays.
        // (L2's capture is the log's newest event, which stays whatever lead it is of.)
        try daemon.writeConfig(clockStart: "2026-12-12T15:00:00Z", extra: "retention: 2d")
        try daemon.start()
        #expect(RelayProcess.waitUntil(20) { daemon.stderr.contains("retention 2d: pruned") }, "\(daemon.stderr)")
        #expect(try Self.events(daemon, "L1").isEmpty)
        #expect((try daemon.get("/v1/leads/L1").json["lead"] as? [String: Any])?["status"] as? String == "won",
                "the lead row stays")
        #expect(try Self.events(daemon, "L2").count >= l2, "the open lead keeps its history")
        let delivered = try daemon.get("/v1/outbox?state=delivered&id=L1:lead.assigned:1:1").json["notifications"] as? [[String: Any]]
        #expect(delivered?.isEmpty == true, "the old delivered row is gone")
        #expect(daemon.signal(SIGTERM) == 0, "\(daemon.stderr)")
    }
}
