import FollowUpFormats
import PostgresNIO

/// The PostgreSQL store's tables, built by numbered, append-only migrations
/// recorded in `schema_version`: a shipped migration is never edited; a
/// change is a new one. Instants are `bigint` seconds since the Unix epoch,
/// as in the SQLite store, and columns keep its names and encodings.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        /// One statement each: the extended protocol takes no multi-statement strings.
        var statements: [String]
    }

    /// The advisory lock two nodes opening at once queue on ("FUPD").
    static let migrationLock: Int64 = 0x4655_5044

    static let migrations: [Migration] = [
        Migration(version: 1, name: "v1", statements: [
            // Every event applied, in order; body is the event's JSON line (Event.jsonLine).
            """
            CREATE TABLE events (seq bigint PRIMARY KEY, at bigint NOT NULL, type text NOT NULL, lead text, rep text,
                source text NOT NULL, received_at bigint NOT NULL, body text NOT NULL)
            """,
            "CREATE INDEX events_by_lead ON events (lead, seq) WHERE lead IS NOT NULL",
            "CREATE INDEX events_of_reps ON events (seq) WHERE lead IS NULL",
            // One row per lead: LeadState in columns (LeadTable); seq is capture order. Columns added later come
            // with a migration of their own, so this one stays as it shipped.
            "CREATE TABLE leads (\(Array(LeadTable.columns.prefix(LeadTable.columnsAtFirstSchema)).definitions),"
                + " PRIMARY KEY (seq), UNIQUE (id))",
            "CREATE INDEX leads_by_owner ON leads (owner, seq)",
            "CREATE INDEX leads_awaiting_first_touch ON leads (owner, seq) WHERE awaits_first_touch",
            "CREATE INDEX leads_open_steps ON leads (owner, step_due) WHERE deadline_open IS NOT NULL",
            "CREATE INDEX leads_in_cadence ON leads (owner) WHERE in_cadence",
            "CREATE INDEX leads_snoozed ON leads (owner, snoozed_until) WHERE snoozed_until IS NOT NULL",
            "CREATE INDEX leads_by_capture ON leads (captured_at)",
            "CREATE TABLE reps (\(Array(RepTable.columns.prefix(RepTable.columnsAtFirstSchema)).definitions), PRIMARY KEY (id))",
            // The team's counters and pointers and the timeline's high-water mark (the SQLite store's meta keys).
            "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
            // Row counts statistics() reads (leads.STATUS, outbox.STATE, receiver.R.STATE, timers),
            // changed in the same transaction as the rows they count.
            "CREATE TABLE tallies (key text PRIMARY KEY, n bigint NOT NULL)",
            // Pending timers, exactly LeadState.timers of every lead; the key is the firing order.
            """
            CREATE TABLE timers (at bigint NOT NULL, lead_seq bigint NOT NULL, kind_order integer NOT NULL,
                lead text NOT NULL, kind text NOT NULL, PRIMARY KEY (at, lead_seq, kind_order))
            """,
            // Notifications, one row per receiver; mint is the minting order (the SQLite rowid).
            """
            CREATE TABLE outbox (mint bigserial NOT NULL, id text NOT NULL, receiver text NOT NULL, at bigint NOT NULL,
                kind text NOT NULL, lead text NOT NULL, payload text NOT NULL, state text NOT NULL,
                attempts integer NOT NULL, next_attempt_at bigint NOT NULL, last_error text, last_attempt_at bigint,
                created_at bigint NOT NULL, delivered_at bigint, via text, requeued_at bigint,
                PRIMARY KEY (id, receiver))
            """,
            "CREATE INDEX outbox_pending ON outbox (next_attempt_at, mint) WHERE state = 'pending'",
            "CREATE INDEX outbox_receiver_pending ON outbox (receiver, next_attempt_at, mint) WHERE state = 'pending'",
            "CREATE INDEX outbox_dead ON outbox (receiver) WHERE state = 'dead'",
            "CREATE INDEX outbox_by_lead ON outbox (lead, mint)",
            "CREATE TABLE erased_leads (lead text PRIMARY KEY, at bigint NOT NULL)",
            // The leader's lease (issue 14): the election is not written yet; every write
            // transaction ends by checking the epoch its store opened with (fencing).
            "CREATE TABLE lease (name text PRIMARY KEY, holder text, epoch bigint NOT NULL, expires_at timestamptz)",
            "INSERT INTO lease (name, holder, epoch) VALUES ('leader', NULL, 0)",
        ]),
        // Where the leader's API is (its `advertise:`), written when it takes the lease:
        // standbys forward writes there.
        Migration(version: 2, name: "lease advertise", statements: [
            "ALTER TABLE lease ADD COLUMN advertise text",
        ]),
        // POST /v1/events' Idempotency-Key: the answer a batch got, written in its transaction.
        Migration(version: 3, name: "idempotency keys", statements: [
            "CREATE TABLE idempotency_keys (key text PRIMARY KEY, fingerprint text NOT NULL, body text NOT NULL, created_at bigint NOT NULL)",
        ]),
        // What each outbox row's `to` names (rep, lead or fallback), as the engine decided it,
        // as SQLite's v13: a message built at delivery never guesses from the spelling. Rows
        // from before get the kind once: an acknowledgement the lead; else a rep of the roster,
        // or the fallback.
        Migration(version: 4, name: "notification recipient", statements: [
            "ALTER TABLE outbox ADD COLUMN recipient text NOT NULL DEFAULT 'rep'",
            "UPDATE outbox SET recipient = 'lead' WHERE kind = 'lead.acknowledgement'",
            """
            UPDATE outbox SET recipient = 'fallback' WHERE kind <> 'lead.acknowledgement'
                AND (payload::jsonb ->> 'to') NOT IN (SELECT id FROM reps)
            """,
        ]),
        // Each keyed write forgets the oldest answers older than a day (StoredAnswer.lifetime),
        // as SQLite's v14: found by their age without reading the younger keys.
        Migration(version: 5, name: "idempotency key age", statements: [
            "CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at)",
        ]),
        // The rules in force live in the database (issue 14), so every node runs the same rules
        // whatever its own files say: one row, the files' names and texts in load order (a new
        // leader compiles them again), their version, whose files they were, who put them in
        // force and when (the database's clock). Written by the leader in the fenced transaction
        // that merges the roster and re-plans. Beside it, each node's own files as it last read
        // them (at start and on each reload), keyed by its lease name: what status compares,
        // and what a reload asked on a standby puts in force. `lease_connection` is the node's
        // lease connection as pg_stat_activity names it, so status lists live nodes only.
        Migration(version: 6, name: "rules in force", statements: [
            """
            CREATE TABLE rules_in_force (name text PRIMARY KEY CHECK (name = 'rules'), version text NOT NULL,
                file_names text[] NOT NULL, file_texts text[] NOT NULL, files_of text NOT NULL, put_by text NOT NULL,
                put_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE node_rules (node text PRIMARY KEY, lease_connection text NOT NULL, version text NOT NULL,
                file_names text[] NOT NULL, file_texts text[] NOT NULL, since timestamptz NOT NULL DEFAULT now(),
                read_at timestamptz NOT NULL DEFAULT now())
            """,
        ]),
    ]

    /// Brings the database up to date in one transaction, under an advisory
    /// lock so that nodes opening together migrate once.
    /// - Throws: ``PostgresStoreError/newerThanCode(versions:)`` for versions this code lacks.
    static func prepare(_ session: PostgresSession) throws {
        try session.query("BEGIN")
        do {
            try session.query("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try session.query("""
                CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = Set(try session.query("SELECT version FROM schema_version").map { try $0.decode(Int.self) })
            let known = Set(migrations.map(\.version))
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty { throw PostgresStoreError.newerThanCode(versions: unknown.sorted()) }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements { try session.query(PostgresQuery(unsafeSQL: statement)) }
                try session.query("INSERT INTO schema_version (version, name) VALUES (\(migration.version), \(migration.name))")
            }
            try session.query("COMMIT")
        } catch {
            _ = try? session.query("ROLLBACK")
            throw error
        }
    }
}
