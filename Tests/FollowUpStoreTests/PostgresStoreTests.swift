import Foundation
import Testing
import FollowUpCore
import FollowUpPostgres
import FollowUpTestSupport

/// What only the PostgreSQL store has: the fencing check that ends every
/// write, and set-based writes (a batch is a handful of statements).
@Suite struct PostgresStoreTests {
    /// A fresh store on a database of its own, with the default roster.
    static func make() async throws -> (PostgresLeadStore, database: String, cluster: PostgresCluster) {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.makeDatabase()
        let store = try PostgresLeadStore(url: database.url, routing: { notification, _ in testReceivers(notification) })
        try await store.open()
        try await store.seedRoster(DefaultRules.make().roster)
        return (store, database.name, cluster)
    }

    /// Another node took the lease (its epoch moved on) while this one was
    /// paused: this node's next write throws `fenced`, and wrote nothing.
    @Test func aWriteAfterAnotherNodeTookTheLeaseIsFencedAndWritesNothing() async throws {
        let (store, database, cluster) = try await Self.make()
        defer { Task { try? await store.close() } }
        let engine = Engine(rules: DefaultRules.make())
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice")], source: "test",
                                    receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        _ = try cluster.psql(database, "UPDATE lease SET epoch = epoch + 1, holder = 'node-b' WHERE name = 'leader'")
        await #expect(throws: PostgresStoreError.fenced(expected: 0, found: 1)) {
            try await store.advance(through: [capture("2026-11-24T20:00:00Z", "L1", owner: "alice")], source: "test",
                                    receivedAt: at("2026-11-24T20:00:00Z"), engine: engine)
        }
        let rows = try cluster.psql(database, """
            SELECT (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM leads) || ' '
                || (SELECT count(*) FROM timers) || ' ' || (SELECT count(*) FROM outbox)
            """)
        #expect(rows == "1 0 0 0", "events leads timers outbox after the fenced write")
        #expect(try await store.lastAppliedAt() == at("2026-11-24T19:00:00Z"))
        #expect(try await store.nextTimer() == nil)
    }

    /// PostgreSQL refusing a write (here a trigger; in life a full disk or a
    /// lost connection) is an error naming the statement and the server's
    /// reason (PostgresNIO's own text withholds it), the batch rolls back
    /// whole, and the store goes on with the same event numbers and ids.
    @Test func aWritePostgreSQLRefusesRollsTheBatchBackAndSaysWhy() async throws {
        let (store, database, cluster) = try await Self.make()
        defer { Task { try? await store.close() } }
        let engine = Engine(rules: DefaultRules.make())
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice")], source: "test",
                                    receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        _ = try cluster.psql(database, """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no room for L2'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION refuse();
            """)
        let batch = [capture("2026-11-24T20:00:00Z", "L1", owner: "alice"), capture("2026-11-24T20:00:00Z", "L2", owner: "alice")]
        await #expect { _ = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine) }
            throws: { "\($0)" == "PostgreSQL refused WITH made AS (…: P0001 no room for L2" }
        #expect(try cluster.psql(database, "SELECT count(*) || ' ' || (SELECT count(*) FROM leads) FROM events") == "1 0")
        #expect(try await store.statistics().leadsByStatus.isEmpty)
        _ = try cluster.psql(database, "DROP TRIGGER refuse ON outbox")
        let applied = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:00:00Z"), engine: engine)
        #expect(applied.notifications.map(\.id) == ["L1:lead.assigned:1:1", "L2:lead.assigned:1:1"])
        #expect(applied.events.map(\.seq) == [2, 3])
        #expect(try await store.statistics().events == 3)
    }

    /// Before open() and after close(), writes and reads say the store is not open.
    @Test func aStoreNotOpenSaysSo() async throws {
        let database = try await PostgresCluster.shared().makeDatabase()
        let store = try PostgresLeadStore(url: database.url, routing: { notification, _ in testReceivers(notification) })
        let engine = Engine(rules: DefaultRules.make())
        let batch = [upsert("2026-11-24T19:00:00Z", "alice")]
        await #expect(throws: PostgresStoreError.notOpen) {
            try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        }
        try await store.open()
        _ = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        try await store.close()
        await #expect(throws: PostgresStoreError.notOpen) {
            try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        }
        await #expect(throws: PostgresStoreError.notOpen) { try await store.lastAppliedAt() }
    }

    /// A batch of 100 captures is a handful of statements, whatever its size:
    /// the leads, timers, log rows and outbox rows each go in one.
    @Test func aBatchOfAHundredCapturesIsAHandfulOfStatements() async throws {
        let (store, database, cluster) = try await Self.make()
        defer { Task { try? await store.close() } }
        let engine = Engine(rules: DefaultRules.make())
        _ = try await store.advance(through: [upsert("2026-11-24T19:00:00Z", "alice")], source: "test",
                                    receivedAt: at("2026-11-24T19:00:00Z"), engine: engine)
        let batch = (1...100).map { capture("2026-11-24T20:00:00Z", "L\($0)", owner: "alice") }
        let applied = try await store.advance(through: batch, source: "test", receivedAt: at("2026-11-24T20:00:00Z"),
                                              engine: engine)
        #expect(applied.notifications.count == 100)
        // BEGIN, the leads read, the timers read, leads, timers, events, outbox, tallies, meta, fence, COMMIT.
        #expect(store.lastWriteStatements <= 12, "\(store.lastWriteStatements) statements for 100 captures")
        let rows = try cluster.psql(database, """
            SELECT (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM leads) || ' '
                || (SELECT count(*) FROM timers) || ' ' || (SELECT count(*) FROM outbox)
            """)
        #expect(rows == "101 100 100 200")
    }
}

/// The `database:` URL forms the PostgreSQL store reads, and what it says about a bad one.
@Suite struct PostgresStoreConfigurationTests {
    @Test func aHostURLAndASocketURLRead() throws {
        let tcp = try PostgresStoreConfiguration(url: "postgres://followupd:s%40cret@db.example:6543/leads", holder: "node-a")
        #expect(tcp.host == "db.example" && tcp.port == 6543 && tcp.username == "followupd" && tcp.password == "s@cret")
        #expect(tcp.database == "leads" && tcp.unixSocketPath == nil && tcp.holder == "node-a")
        let socket = try PostgresStoreConfiguration(url: "postgresql://followupd@/leads?host=/run/postgresql")
        #expect(socket.unixSocketPath == "/run/postgresql/.s.PGSQL.5432" && socket.host == nil)
    }

    @Test func sslmodeRequireTakesACAFileAndRefusesOneWithoutIt() throws {
        let tls = try PostgresStoreConfiguration(url: "postgres://u@db.example/leads?sslmode=require&sslrootcert=/etc/ssl/db-ca.pem")
        #expect(tls.tls == .required(rootCertificate: "/etc/ssl/db-ca.pem"))
        #expect(try PostgresStoreConfiguration(url: "postgres://u@db.example/leads?sslmode=require").tls == .required(rootCertificate: nil))
        #expect(try PostgresStoreConfiguration(url: "postgres://u@db.example/leads").tls == .disabled)
        for (url, why) in [("postgres://u@h/db?sslrootcert=/ca.pem", "without `sslmode=require`"),
                           ("postgres://u@h/db?sslmode=require&sslrootcert=ca.pem", "absolute path")] {
            #expect(throws: (any Error).self) { try PostgresStoreConfiguration(url: url) }
            do { _ = try PostgresStoreConfiguration(url: url) } catch { #expect("\(error)".contains(why), "\(error)") }
        }
    }

    @Test(arguments: [
        ("mysql://u@h/db", "`database` mysql://***@h/db: not a URL; write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("postgres://h/db", "`database` postgres://h/db: names no user; write postgres://USER@HOST/DATABASE"),
        ("postgres://u@h/", "`database` postgres://***@h/: names no database (or more than one path part); write postgres://USER@HOST/DATABASE"),
        ("postgres://u@/db", "`database` postgres://***@/db: names no host; write postgres://USER@HOST/DATABASE, or for a Unix socket postgres://USER@/DATABASE?host=/run/postgresql"),
        ("postgres://u:hunter2@h", "`database` postgres://***@h: names no database (or more than one path part); write postgres://USER@HOST/DATABASE"),
    ])
    func aBadURLIsRefusedSayingWhyWithoutItsPassword(_ url: String, _ message: String) {
        #expect(throws: (any Error).self) { try PostgresStoreConfiguration(url: url) }
        do {
            _ = try PostgresStoreConfiguration(url: url)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
