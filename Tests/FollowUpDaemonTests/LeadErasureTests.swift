import Foundation
import FollowUpTestSupport
import Testing

/// `followupctl lead erase` against the real daemon and its real SQLite file:
/// the person's data leaves every table and the file's bytes, the reports
/// count the lead as before, and nothing more is sent for it.
@Suite(.serialized) struct LeadErasureTests {
    static func ctl(_ daemon: DaemonProcess, _ arguments: String...) throws -> Subprocess {
        try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path)
    }

    /// What must not survive anywhere: L1's profile, in the file and in its write-ahead log.
    static let personal = ["dana.erasable@acme-secret.test", "+1 555 0199 77", "Dana Erasable", "Secretco Industries", "VP Hidden"]

    static func fileBytes(_ daemon: DaemonProcess) -> [(String, Data)] {
        ["", "-wal"].compactMap { suffix in
            FileManager.default.contents(atPath: daemon.database + suffix).map { (daemon.database + suffix, $0) }
        }
    }

    /// On SQLite the check reads the file's bytes; on PostgreSQL, whose old row versions stay in
    /// the table files until VACUUM (docs/operations.md), it reads every row of the three tables
    /// and checks the tallies the erasure changed against a count of the rows.
    @Test(arguments: ["sqlite", "postgres"])
    func eraseRemovesThePersonEverywhereAndKeepsTheReportsFigures(_ store: String) async throws {
        var postgres: (cluster: PostgresCluster, database: String)?
        var url: String?
        if store == "postgres" {
            let cluster = try await PostgresCluster.shared()
            let made = try cluster.makeDatabase()
            postgres = (cluster, made.name)
            url = made.url
        }
        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", setUp: { if let url { $0.databaseURL = url } })
        let seeded = try daemon.post("/v1/events", """
            [{"at":"2026-12-08T13:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana Erasable",
              "company":"Secretco Industries","title":"VP Hidden","email":"dana.erasable@acme-secret.test","phone":"+1 555 0199 77",
              "owner":"alice","linkedin":"Dana Erasable"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L2","source":"referral","name":"Kept Person",
              "email":"kept@x.test","owner":"alice"}},
             {"at":"2026-12-08T14:00:00Z","type":"lead.captured","lead":{"id":"L3","source":"web_form","name":"Open Erasable",
              "email":"open.erasable@acme-secret.test","owner":"alice"}},
             {"at":"2026-12-08T14:05:00Z","type":"lead.updated","lead":{"id":"L1","phone":"+1 555 0199 77","company":"Secretco Industries"}},
             {"at":"2026-12-08T14:10:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected"},
             {"at":"2026-12-08T14:20:00Z","type":"lead.snoozed","lead":"L3","until":"2026-12-09T10:00:00Z","reason":"Dana Erasable asked"},
             {"at":"2026-12-08T15:00:00Z","type":"lead.status","lead":"L1","status":"won"}]
            """)
        #expect(seeded.status == 200, "\(seeded.body)")
        guard seeded.status == 200 else { return }
        try daemon.advance(to: "2026-12-08T15:30:00Z")
        let reportBefore = try daemon.get("/v1/report?since=2026-12-01T00:00:00Z&by=source").body

        let erased = try Self.ctl(daemon, "lead", "erase", "L1", "--yes")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.hasPrefix("erased lead L1: 2 events and "), "\(erased.stdout)")

        // Every figure of the report is the same: the lead is still captured, touched and won.
        #expect(try daemon.get("/v1/report?since=2026-12-01T00:00:00Z&by=source").body == reportBefore)
        // Its record reads as erased, and its timeline still reads (the events decode).
        let shown = try Self.ctl(daemon, "lead", "show", "L1")
        #expect(shown.status == 0 && shown.stdout.contains("erased") && shown.stdout.contains("won"), "\(shown.stdout)\(shown.stderr)")
        for value in Self.personal { #expect(!shown.stdout.contains(value), "lead show still prints \(value)") }

        // An open, snoozed lead: erased, it leaves alice's worklist and nothing more is sent for it.
        #expect(try Self.ctl(daemon, "lead", "erase", "L3", "--yes").status == 0)
        let queue = try daemon.get("/v1/reps/alice/queue").body
        #expect(!queue.contains("\"L3\""), "\(queue)")
        let sentBefore = daemon.notifications.filter { $0["lead"] as? String == "L3" }.count
        try daemon.advance(to: "2026-12-12T15:30:00Z")
        #expect(daemon.notifications.filter { $0["lead"] as? String == "L3" }.count == sentBefore, "L3 was notified after its erasure")

        if let (cluster, database) = postgres {
            // No row of any table holds the person; the kept lead stays whole.
            let rows = try cluster.psql(database, """
                SELECT string_agg(t, ' ') FROM (SELECT row_to_json(l)::text AS t FROM leads l UNION ALL
                SELECT body FROM events UNION ALL SELECT payload || coalesce(last_error, '') FROM outbox) x
                """)
            for value in Self.personal + ["open.erasable@acme-secret.test", "Open Erasable"] {
                #expect(!rows.contains(value), "a row still holds \(value)")
            }
            #expect(rows.contains("kept@x.test"))
            // The tallies status and /metrics read equal the rows (the erasure cancelled L3's timers),
            // read in one snapshot: delivery goes on meanwhile.
            let mismatched = try cluster.psql(database, """
                WITH counted AS (SELECT 'outbox.' || state AS key, count(*) AS n FROM outbox GROUP BY state
                                 UNION ALL SELECT 'timers', count(*) FROM timers)
                SELECT coalesce(t.key, c.key) || ': tally ' || coalesce(t.n, 0) || ', rows ' || coalesce(c.n, 0)
                FROM (SELECT * FROM tallies WHERE key LIKE 'outbox.%' OR key = 'timers') t
                FULL JOIN counted c ON c.key = t.key WHERE coalesce(t.n, 0) <> coalesce(c.n, 0)
                """)
            #expect(mismatched.isEmpty, "\(mismatched)")
            return
        }
        // The bytes: neither the database file nor its log holds the person any more.
        let files = Self.fileBytes(daemon)
        #expect(!files.isEmpty)
        for (path, bytes) in files {
            for value in Self.personal + ["open.erasable@acme-secret.test", "Open Erasable"] {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(path) still holds \(value)")
            }
        }
        // The lead kept stays whole.
        #expect(files.contains { $0.1.range(of: Data("kept@x.test".utf8)) != nil })

        // A CRM re-sending the capture cannot bring the data back.
        let again = try daemon.post("/v1/events", """
            {"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"dana.erasable@acme-secret.test"}}
            """)
        #expect(again.status == 400, "\(again.body)")
        #expect(again.body.contains("was erased") && again.body.contains("\"field\":\"lead.id\""), "\(again.body)")
        #expect(try daemon.post("/v1/leads/nobody/erase", "").status == 404)
    }

    @Test func eraseAsksForConfirmation() throws {
        let refused = try Subprocess.run(Subprocess.followupctl, ["lead", "erase", "L1", "--socket", "/nonexistent.sock"], directory: nil)
        #expect(refused.status == 64 && refused.stderr.contains("add --yes to confirm"), "\(refused.stderr)")
    }
}
