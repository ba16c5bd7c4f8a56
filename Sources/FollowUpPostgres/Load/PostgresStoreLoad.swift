import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Copies a whole followupd store (``StoreRows``: the SQLite store's tables)
/// into a PostgreSQL database, for `followupctl migrate-store` (issue 14).
///
/// The schema is brought up to date first (``PostgresSchema``, its own
/// transaction). The copy is then one transaction, set-based — a statement per
/// chunk of rows (`jsonb_to_recordset`), never one per row — that holds every
/// table exclusively, refuses a database that holds followupd's data (unless
/// `replacing`) or a lease a live node holds, recounts the tallies from the
/// copied rows, moves the outbox's minting sequence past the copied rows,
/// bumps the lease's epoch (so any node that opened the database before is
/// fenced), and checks every table's row count against the source's before
/// it commits. A failure anywhere leaves the database as it was.
public enum PostgresStoreLoad {
    /// Rows sent per statement: large enough that round trips do not matter,
    /// small enough that one statement's JSON stays a few megabytes.
    static let chunk = 1_000

    /// Copies `source` into the database `configuration` names.
    /// - Parameter replacing: empty followupd's tables first when they hold rows (default: refuse).
    /// - Throws: ``PostgresStoreError``: `.unreachable`, `.notEmpty`, `.leaseHeld`,
    ///   `.copyMismatch`, `.uncopiedTable`, `.newerThanCode`, `.statement`; or what the source throws.
    public static func load(from source: some StoreRowsSource, into configuration: PostgresStoreConfiguration,
                            replacing: Bool = false) async throws -> StoreLoadReport {
        var logger = Logger(label: "followupctl.migrate-store")
        logger.logLevel = .warning
        let writer = PostgresWriter(configuration: try configuration.connectionConfiguration(),
                                    eventLoop: MultiThreadedEventLoopGroup.singleton.any(), logger: logger)
        do {
            let report = try await writer.run { session in
                try PostgresSchema.prepare(session)
                return try source.withRows { rows in try copy(rows, into: session, replacing: replacing) }
            }
            try await writer.close()
            return report
        } catch let error as PSQLError {
            // Thrown by connecting (statements' errors are PostgresStoreError already).
            try? await writer.close()
            throw PostgresStoreError.unreachable(PostgresSession.connectionFailure(error))
        } catch {
            try? await writer.close()
            throw error
        }
    }

    static func copy(_ rows: any StoreRows, into session: PostgresSession, replacing: Bool) throws -> StoreLoadReport {
        let tables = CopiedTable.all + [CopiedTable.meta]
        let known = Set(tables.map(\.name)).union(CopiedTable.derived)
        if let unknown = try rows.tables().first(where: { !known.contains($0) }) {
            throw PostgresStoreError.uncopiedTable(unknown)
        }
        for table in tables {
            let have = Set(try rows.columns(of: table.name))
            if let missing = table.fields.first(where: { !have.contains($0) }) {
                throw PostgresStoreError.uncopiedTable("\(table.name).\(missing)")
            }
        }
        try session.query("BEGIN")
        do {
            let report = try fill(rows, tables, session, replacing: replacing)
            try session.query("COMMIT")
            return report
        } catch {
            if !session.connection.isClosed { _ = try? session.query("ROLLBACK") }
            throw error
        }
    }

    private static func fill(_ rows: any StoreRows, _ tables: [CopiedTable], _ session: PostgresSession,
                             replacing: Bool) throws -> StoreLoadReport {
        let names = (tables.map(\.name) + ["tallies"]).joined(separator: ", ")
        // Nobody reads or writes a half copy; a node that is starting waits for the commit.
        try session.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(names) IN ACCESS EXCLUSIVE MODE"))
        let lease = try session.query("SELECT holder, coalesce(expires_at > now(), false) FROM lease WHERE name = 'leader' FOR UPDATE")
        for row in lease {
            let (holder, live) = try row.decode((String?, Bool).self)
            if let holder, live { throw PostgresStoreError.leaseHeld(holder: holder) }
        }
        let held = try session.query("""
            SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM events), (SELECT count(*) FROM reps),
                   (SELECT count(*) FROM outbox)
            """)
        for row in held {
            let (leads, events, reps, outbox) = try row.decode((Int, Int, Int, Int).self)
            if leads + events + reps + outbox > 0, !replacing {
                throw PostgresStoreError.notEmpty(leads: leads, events: events, reps: reps, outbox: outbox)
            }
        }
        if replacing {
            try session.query(PostgresQuery(unsafeSQL: "TRUNCATE \(names)"))
        }
        // The copied leads were planned by the one-box daemon's files, not by rules a node kept
        // here before: the first leader after the copy puts its own files in force.
        try session.query("DELETE FROM rules_in_force")
        for table in CopiedTable.all {
            try rows.chunks(of: table.name, size: chunk) { json in
                try session.query(PostgresQuery(unsafeSQL: table.insertSQL, binds: try PostgresStoreCache.binds(json)))
            }
        }
        // meta: the tallies go to their own table; the SQLite file's own counts are kept aside to compare.
        try session.query("CREATE TEMPORARY TABLE sqlite_tallies (key text PRIMARY KEY, n bigint NOT NULL) ON COMMIT DROP")
        let prefix = CopiedTable.sqliteTallyPrefix
        try rows.chunks(of: "meta", size: chunk) { json in
            try session.query(PostgresQuery(unsafeSQL: CopiedTable.meta.insertSQL + " WHERE key NOT LIKE '\(prefix)%'",
                                            binds: try PostgresStoreCache.binds(json)))
            try session.query(PostgresQuery(unsafeSQL: """
                INSERT INTO sqlite_tallies (key, n) SELECT substr(key, \(prefix.count + 1)), value::bigint
                FROM jsonb_to_recordset($1::jsonb) AS r(key text, value text) WHERE key LIKE '\(prefix)%'
                """, binds: try PostgresStoreCache.binds(json)))
        }
        // The counts statistics() reads, from the rows themselves (TallyChanges keeps them so from here on).
        try session.query("""
            INSERT INTO tallies (key, n)
            SELECT 'leads.' || status, count(*) FROM leads GROUP BY status
            UNION ALL SELECT 'outbox.' || state, count(*) FROM outbox GROUP BY state
            UNION ALL SELECT 'receiver.' || receiver || '.' || state, count(*) FROM outbox GROUP BY receiver, state
            UNION ALL SELECT 'timers', count(*) FROM timers
            """)
        let recounted = try session.query("""
            SELECT coalesce(s.key, t.key), coalesce(s.n, 0), coalesce(t.n, 0)
            FROM sqlite_tallies s FULL JOIN tallies t ON s.key = t.key
            WHERE coalesce(s.n, 0) <> coalesce(t.n, 0) ORDER BY 1
            """).map { row in
                let (key, was, now) = try row.decode((String, Int64, Int64).self)
                return "\(key): the SQLite file said \(was), its rows count \(now)"
            }
        // The next minted outbox row comes after the copied ones.
        try session.query("""
            SELECT setval(pg_get_serial_sequence('outbox', 'mint'), coalesce((SELECT max(mint) FROM outbox), 1),
                          (SELECT max(mint) FROM outbox) IS NOT NULL)
            """)
        // A node that opened this database before the copy must not write after it.
        let epoch = try session.scalar("""
            UPDATE lease SET holder = NULL, expires_at = NULL, epoch = epoch + 1 WHERE name = 'leader' RETURNING epoch
            """, as: Int64.self) ?? 0
        var counts: [StoreLoadReport.Table] = []
        let sqliteTallies = try session.scalar("SELECT count(*) FROM sqlite_tallies", as: Int.self) ?? 0
        for table in tables {
            let source = try rows.count(table.name)
            var copied = try session.scalar(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.name)"), as: Int.self) ?? 0
            if table.name == "meta" { copied += sqliteTallies }
            guard copied == source else {
                throw PostgresStoreError.copyMismatch(table: table.name, source: source, copied: copied)
            }
            counts.append(StoreLoadReport.Table(name: table.name, rows: source))
        }
        let nextEvent = try session.scalar("SELECT coalesce(max(seq), 0) + 1 FROM events", as: Int64.self) ?? 1
        let nextMint = try session.scalar("SELECT nextval(pg_get_serial_sequence('outbox', 'mint'))", as: Int64.self) ?? 1
        let maxMint = try session.scalar("SELECT coalesce(max(mint), 0) FROM outbox", as: Int64.self) ?? 0
        guard nextMint > maxMint else {
            throw PostgresStoreError.copyMismatch(table: "outbox (minting order)", source: Int(maxMint), copied: Int(nextMint))
        }
        return StoreLoadReport(tables: counts, nextEventSeq: nextEvent, epoch: epoch, recountedTallies: recounted)
    }
}

/// What ``PostgresStoreLoad/load(from:into:replacing:)`` copied, checked before its commit.
public struct StoreLoadReport: Sendable, Hashable {
    public struct Table: Sendable, Hashable {
        public var name: String
        /// Rows in the source, equal to the rows copied (`meta` counts the tallies it held).
        public var rows: Int
    }

    public var tables: [Table]
    /// The sequence number the next event gets (after the source's last).
    public var nextEventSeq: Int64
    /// The lease's epoch after the copy: the first node to lead takes the next one.
    public var epoch: Int64
    /// Tallies the SQLite file kept that did not equal a count of its rows: PostgreSQL has the count.
    public var recountedTallies: [String]
}
