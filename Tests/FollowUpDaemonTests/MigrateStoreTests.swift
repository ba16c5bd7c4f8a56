import Foundation
import Testing
import FollowUpTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl migrate-store` (issue 14) between a database the real
/// followupd wrote and a real PostgreSQL: the daemon started on the copy
/// answers as the one on the file, fires the same pending timers and numbers
/// the next event after the copied ones; and the copy refuses what would
/// lose or mix data.
@Suite(.serialized) struct MigrateStoreTests {
    static let start = "2026-11-24T19:00:00Z"
    static let copied = "2026-11-24T21:00:00Z"
    static let later = "2026-11-27T18:00:00Z"
    static let leads = ["L1", "L2", "L3", "L4", "L5", "L6"]

    static func ctl(_ arguments: String...) throws -> Subprocess {
        try Subprocess.run(Subprocess.followupctl, arguments, directory: nil, timeout: 120)
    }

    /// A daemon on SQLite with leads in several states, a snooze, delivered
    /// and pending notifications and pending timers, stopped at ``copied``.
    static func stoppedSQLiteDaemon() throws -> DaemonProcess {
        let daemon = try DaemonProcess(clockStart: start)
        let events = [
            #"{"type":"rep.upserted","rep":{"id":"alice","email":"alice@example.com","team":"sales"}}"#,
            #"{"type":"rep.upserted","rep":{"id":"bob","email":"bob@example.com","team":"sales"}}"#,
        ] + leads.enumerated().map { i, id in
            #"{"type":"lead.captured","lead":{"id":"\#(id)","source":"web_form","email":"\#(id.lowercased())@lead.test","owner":"\#(i % 2 == 0 ? "alice" : "bob")"}}"#
        } + [
            #"{"type":"touch.logged","lead":"L2","rep":"bob","channel":"call","outcome":"no_answer"}"#,
            #"{"type":"lead.snoozed","lead":"L3","until":"2026-11-26T15:00:00Z","rep":"alice","reason":"after the budget meeting"}"#,
            #"{"type":"lead.status","lead":"L4","status":"won","value":1200}"#,
            #"{"type":"lead.status","lead":"L5","status":"lost"}"#,
        ]
        for event in events {
            let reply = try daemon.post("/v1/events", event)
            #expect(reply.status == 200, "\(event): \(reply.body)")
        }
        try daemon.advance(to: copied)
        #expect(!daemon.notifications.isEmpty, "something came due before the copy")
        #expect(daemon.signal(SIGTERM) == 0, "\(daemon.stderr)")
        return daemon
    }

    /// What a daemon answers about the leads and its counts, for comparing two.
    static func answers(_ daemon: DaemonProcess) throws -> [String] {
        var out: [String] = []
        for id in leads {
            let reply = try daemon.get("/v1/leads/\(id)")
            #expect(reply.status == 200, "\(id): \(reply.body)")
            out.append(reply.body)
        }
        let status = try daemon.get("/v1/status")
        let object = try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any]
        let statistics = try #require(object?["statistics"])
        out.append(String(decoding: try JSONSerialization.data(withJSONObject: statistics, options: .sortedKeys), as: UTF8.self))
        return out
    }

    static func ids(_ notifications: [[String: Any]]) -> [String] {
        notifications.compactMap { $0["id"] as? String }.sorted()
    }

    @Test func theDaemonOnTheCopyAnswersAndGoesOnAsTheOneOnTheFile() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let sqlite = try Self.stoppedSQLiteDaemon()
        let before = sqlite.notifications.count
        let eventsBefore = try Subprocess.run("/usr/bin/sqlite3", [sqlite.database, "SELECT max(seq) FROM events"], directory: nil)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let copy = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("the next event is number \(Int(eventsBefore)! + 1)"), "\(copy.stdout)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM timers") != "0", "pending timers were copied")

        // Both go on from the moment of the copy: the file's daemon restarted, and one on the copy.
        try sqlite.writeConfig(clockStart: Self.copied)
        try sqlite.start()
        let postgres = try DaemonProcess(clockStart: Self.copied, setUp: { $0.databaseURL = url })
        #expect(try Self.answers(postgres) == Self.answers(sqlite))

        // The pending timers fire alike.
        try sqlite.advance(to: Self.later)
        try postgres.advance(to: Self.later)
        let fired = Self.ids(Array(sqlite.notifications.dropFirst(before)))
        #expect(!fired.isEmpty, "timers came due after the copy")
        #expect(Self.ids(postgres.waitForNotifications(fired.count)) == fired)
        #expect(try Self.answers(postgres) == Self.answers(sqlite))

        // A new event is numbered after the copied ones, and no id was minted twice.
        let capture = #"{"type":"lead.captured","lead":{"id":"L7","source":"web_form","email":"l7@lead.test","owner":"alice"}}"#
        #expect(try postgres.post("/v1/events", capture).status == 200)
        #expect(try sqlite.post("/v1/events", capture).status == 200)
        let sqliteSeq = try Subprocess.run("/usr/bin/sqlite3", [sqlite.database, "SELECT max(seq) FROM events"], directory: nil)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cluster.psql(database, "SELECT max(seq) FROM events") == sqliteSeq)
        #expect(try cluster.psql(database, "SELECT count(*) FROM events") == sqliteSeq)
        #expect(try cluster.psql(database, "SELECT id FROM outbox GROUP BY id, receiver HAVING count(*) > 1").isEmpty)
        #expect(try postgres.get("/v1/leads/L7").body == sqlite.get("/v1/leads/L7").body)
    }

    @Test func aTargetHoldingDataIsRefusedUnlessReplaced() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let sqlite = try Self.stoppedSQLiteDaemon()
        #expect(try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url).status == 0)
        let again = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("holds followupd's data already (6 leads"), "\(again.stderr)")
        #expect(again.stderr.contains("--replace"), "\(again.stderr)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM leads") == "6")
        // Rules a node kept on the first copy are not the copy's: the next leader puts its own files in force.
        _ = try cluster.psql(database, """
            INSERT INTO rules_in_force (name, version, file_names, file_texts, files_of, put_by)
            VALUES ('rules', 'deadbeef', '{}', '{}', 'old:1', 'old:1')
            """)
        let replaced = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url, "--replace", "--output", "json")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains(#""leads":6"#), "\(replaced.stdout)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM leads") == "6")
        #expect(try cluster.psql(database, "SELECT count(*) FROM rules_in_force") == "0")
    }

    @Test func aDatabaseANodeLeadsOnIsRefusedEvenWithReplace() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let node = try DaemonProcess(clockStart: Self.start, setUp: { $0.databaseURL = url })
        #expect(try node.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"carol","email":"c@x.test"}}"#).status == 200)
        let sqlite = try Self.stoppedSQLiteDaemon()
        let copy = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url, "--replace")
        #expect(copy.status == 1)
        #expect(copy.stderr.contains("holds the lease on this database and may be writing: stop every node first"), "\(copy.stderr)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM leads") == "0")
        #expect(try node.get("/v1/reps").body.contains("carol"), "the node goes on undisturbed")
    }

    @Test func aFileARunningDaemonHoldsIsRefused() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let running = try DaemonProcess(clockStart: Self.start)
        #expect(try running.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test"}}"#).status == 200)
        let copy = try Self.ctl("migrate-store", "--from", running.database, "--to", url)
        #expect(copy.status == 1)
        #expect(copy.stderr.contains("\(running.database): in use by a running followupd (pid \(running.pid!))"), "\(copy.stderr)")
        #expect(copy.stderr.contains("systemctl stop followupd"), "\(copy.stderr)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'leads'") == "0", "nothing was written")
    }

    @Test func badPlacesAreNamedAndNoPasswordIsShown() async throws {
        let cluster = try await PostgresCluster.shared()
        let (_, url) = try cluster.makeDatabase()
        let sqlite = try Self.stoppedSQLiteDaemon()
        let directory = sqlite.directory.path

        let missing = try Self.ctl("migrate-store", "--from", directory + "/nope.sqlite", "--to", url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\(directory)/nope.sqlite: no such file"), "\(missing.stderr)")

        let text = directory + "/notes.sqlite"
        try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        let notADatabase = try Self.ctl("migrate-store", "--from", text, "--to", url)
        #expect(notADatabase.status == 1)
        #expect(notADatabase.stderr.contains("\(text): not an SQLite database"), "\(notADatabase.stderr)")

        let foreign = directory + "/other.sqlite"
        _ = try Subprocess.run("/usr/bin/sqlite3", [foreign, "CREATE TABLE t (x)"], directory: nil)
        let notOurs = try Self.ctl("migrate-store", "--from", foreign, "--to", url)
        #expect(notOurs.stderr.contains("\(foreign): an SQLite database, but not a followupd store"), "\(notOurs.stderr)")

        _ = try Subprocess.run("/usr/bin/sqlite3", [sqlite.database, "INSERT INTO grdb_migrations VALUES ('v99-future')"], directory: nil)
        let newer = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", url)
        #expect(newer.status == 1)
        #expect(newer.stderr.contains("\(sqlite.database): written by a newer followupd (unknown migrations: v99-future)"), "\(newer.stderr)")
        _ = try Subprocess.run("/usr/bin/sqlite3", [sqlite.database, "DELETE FROM grdb_migrations WHERE identifier = 'v99-future'"], directory: nil)

        let badURL = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", "postgres://followupd:s3cret-pw@db.internal:99999/followupd")
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("--to:"), "\(badURL.stderr)")
        #expect(!badURL.stderr.contains("s3cret-pw"), "\(badURL.stderr)")

        let unreachable = try Self.ctl("migrate-store", "--from", sqlite.database, "--to", "postgres://followupd:s3cret-pw@127.0.0.1:1/followupd")
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("postgres://followupd:***@127.0.0.1:1/followupd: cannot reach PostgreSQL"), "\(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("s3cret-pw"), "\(unreachable.stderr)")
    }
}
