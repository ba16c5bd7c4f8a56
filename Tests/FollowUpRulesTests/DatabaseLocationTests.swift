@testable import FollowUpRules
import Testing

/// `database:` in followupd.yaml: a SQLite path (the embedded default) or a
/// PostgreSQL URL written the way `psql` takes it; a URL the daemon could not
/// use is refused at its FILE:LINE:COL, its password never repeated.
@Suite struct DatabaseLocationTests {
    static func location(_ text: String) throws -> DatabaseLocation {
        try DaemonConfig.parse("database: \"\(text)\"\n", file: "followupd.yaml").location()
    }

    @Test func aPathIsSQLiteAndTheDefaultToo() throws {
        #expect(try Self.location("/var/lib/followup/followupd.sqlite") == .sqlite(path: "/var/lib/followup/followupd.sqlite"))
        #expect(try Self.location("state.sqlite") == .sqlite(path: "state.sqlite"))
        #expect(try DaemonConfig.parse("durability: normal\n", file: "followupd.yaml").location() == .sqlite(path: "followupd.sqlite"))
    }

    @Test func aTCPURLIsReadAsLibpqReadsIt() throws {
        let location = try Self.location("postgres://followupd:s3cret@db.internal:5433/followup?sslmode=require")
        #expect(location == .postgres(PostgresAddress(host: "db.internal", port: 5433, user: "followupd", password: "s3cret",
                                                      database: "followup", requireTLS: true)))
        #expect(location.description == "postgres://followupd:***@db.internal:5433/followup?sslmode=require")
        #expect(try Self.location("postgresql://followupd@db/followup") == .postgres(PostgresAddress(
            host: "db", user: "followupd", database: "followup")))
    }

    @Test func aUnixSocketIsADirectoryAndAPort() throws {
        let location = try Self.location("postgres://followupd@/followup?host=/run/postgresql&port=5433")
        guard case .postgres(let address) = location else { Issue.record("\(location)"); return }
        #expect(address.host == nil)
        #expect(address.socketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(location.description == "postgres://followupd@/followup?host=/run/postgresql&port=5433")
    }

    @Test(arguments: [
        ("postgres://db/followup", "names no user"),
        ("postgres://followupd@db", "names no database"),
        ("postgres://followupd@db/a/b", "names no database"),
        ("postgres://followupd@/followup", "names no host"),
        ("postgres://followupd@/followup?host=run/pg", "must start with /"),
        ("postgres://followupd@db/followup?host=/run/pg", "both a host and a socket directory"),
        ("postgres://followupd@db:0/followup", "port 0 is not between 1 and 65535"),
        ("postgres://followupd@db/followup?sslmode=prefer", "`sslmode=prefer` is not supported"),
        ("postgres://followupd@db/followup?connect_timeout=5", "unknown parameter `connect_timeout`"),
        ("postgres://followupd@/followup?host=/tmp&sslmode=require", "TLS is for TCP"),
    ])
    func aURLTheDaemonCannotUseIsRefusedWhereItIsWritten(url: String, expected: String) {
        let problems = DaemonConfig.problems(in: "durability: normal\ndatabase: \"\(url)\"\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("followupd.yaml:2:11: error: `database` postgres://") == true, "\(problems)")
        #expect(problems.first?.contains(expected) == true, "\(problems)")
        #expect(problems.first?.contains("pw") == false, "the password is not repeated: \(problems)")
    }

    @Test func anEmptyDatabaseIsRefused() {
        #expect(DaemonConfig.problems(in: "database: \"\"\n") == ["followupd.yaml:1:11: error: `database` of the config must not be empty"])
        #expect(throws: DatabaseLocationError.self) { try DaemonConfig(database: "", rules: "r", listen: []).location() }
    }
}
