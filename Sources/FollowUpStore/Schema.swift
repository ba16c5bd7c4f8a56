import GRDB

/// The store's tables, built by named, append-only migrations.
///
/// A migration is never edited once it has shipped: a change to the schema is
/// a new migration (`v2`, …) appended to ``migrator``. Instants are INTEGER
/// seconds since the Unix epoch, in every table.
enum Schema {
    /// `PRAGMA application_id` of every followupd store ("FUPD"): tells our
    /// files from other programs' SQLite databases.
    static let applicationID: Int32 = 0x4655_5044

    /// Every migration, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2-step-opened-at", migrate: addStepOpenedAt)
        migrator.registerMigration("v3-delivery", migrate: createDelivery)
        migrator.registerMigration("v4-insert-tallies-in-code", migrate: dropInsertTallyTriggers)
        migrator.registerMigration("v5-delivered-tallies-in-code", migrate: countDeliveriesInCode)
        migrator.registerMigration("v6-follow-through", migrate: addFollowThrough)
        migrator.registerMigration("v7-people-and-routing", migrate: addPeopleAndRouting)
        migrator.registerMigration("v8-status-tallies-in-code", migrate: countStatusChangesInCode)
        migrator.registerMigration("v9-rep-events-index", migrate: indexRepEvents)
        migrator.registerMigration("v10-erased-leads", migrate: addErasedLeads)
        // v11 is left to the retention change being written alongside; numbers only need to be unique and ordered.
        migrator.registerMigration("v11-won-value", migrate: WonValueMigration.migrate)
        migrator.registerMigration("v12-idempotency-keys", migrate: addIdempotencyKeys)
        migrator.registerMigration("v13-notification-recipient", migrate: RecipientMigration.migrate)
        migrator.registerMigration("v14-idempotency-keys-age", migrate: indexIdempotencyKeyAge)
        migrator.registerMigration("v16-report-aggregates", migrate: ReportAggregatesMigration.migrate)
        return migrator
    }()

    /// Checks the file is ours (or new) and not newer than this code, then
    /// brings it up to date, one migration at a time, each announced to
    /// `migrating` first. Opening a current file changes nothing.
    static func prepare(_ pool: DatabasePool, path: String, migrating: (@Sendable (MigrationStep) -> Void)? = nil) throws {
        let (applicationID, tables, superseded) = try pool.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
             try migrator.appliedIdentifiers(db).subtracting(migrator.migrations))
        }
        if tables > 0, applicationID != Self.applicationID {
            throw StoreFileError(path: path, reason: .foreignDatabase)
        }
        if !superseded.isEmpty {
            throw StoreFileError(path: path, reason: .newerThanCode(migrations: superseded.sorted()))
        }
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        let pending = migrator.migrations.filter { !applied.contains($0) }
        for (index, identifier) in pending.enumerated() {
            migrating?(MigrationStep(identifier: identifier, index: index + 1, count: pending.count))
            try migrator.migrate(pool, upTo: identifier)
        }
    }

    /// The first schema: event log, leads, reps, meta, timers, outbox, and the
    /// trigger-kept tallies that keep `statistics()` from counting millions of rows.
    @Sendable static func createV1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            -- Every event applied, in order; body is the event's JSON line (Event.jsonLine).
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                type TEXT NOT NULL,
                lead TEXT,
                rep TEXT,
                source TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                body TEXT NOT NULL
            ) STRICT;
            CREATE INDEX events_by_lead ON events(lead, seq) WHERE lead IS NOT NULL;

            -- One row per lead: LeadState in columns. seq (capture order) is the
            -- rowid, so paging in capture order reads the table in order and the
            -- id needs one index, not two. given_* are what lead.captured said;
            -- the unprefixed owner/team/score/priority are the current ones.
            CREATE TABLE leads (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                captured_at INTEGER NOT NULL,
                source TEXT NOT NULL,
                name TEXT,
                email TEXT,
                phone TEXT,
                company TEXT,
                title TEXT,
                company_size INTEGER,
                need TEXT,
                stage TEXT,
                timezone TEXT,
                given_owner TEXT,
                given_team TEXT,
                given_score INTEGER,
                given_priority TEXT,
                attributes TEXT,             -- JSON object of unknown profile fields; NULL when none
                priority TEXT NOT NULL,
                policy TEXT NOT NULL,
                triage_rule TEXT NOT NULL,
                score INTEGER NOT NULL,
                team TEXT,
                owner TEXT,
                had TEXT NOT NULL,           -- JSON array of rep ids, in order
                status TEXT NOT NULL,
                touches INTEGER NOT NULL,
                last_touch_at INTEGER,
                step INTEGER,                -- the open step's number; NULL when none
                step_due INTEGER,
                step_deadline INTEGER,
                step_due_notified INTEGER,
                step_breached INTEGER,
                unrouted INTEGER NOT NULL,
                nurture_at INTEGER,
                counters TEXT NOT NULL,      -- JSON [[kind, step, count], …], in minting order
                awaits_first_touch INTEGER NOT NULL,  -- LeadState.awaitsFirstTouch
                deadline_open INTEGER,       -- step_deadline while the lead is open with a step, else NULL
                CHECK ((step IS NULL) = (step_due IS NULL) AND (step IS NULL) = (step_deadline IS NULL))
            ) STRICT;
            CREATE INDEX leads_by_owner ON leads(owner, seq);
            CREATE INDEX leads_awaiting_first_touch ON leads(owner, seq) WHERE awaits_first_touch = 1;
            CREATE INDEX leads_open_steps ON leads(owner, step_due) WHERE deadline_open IS NOT NULL;

            -- The team: reps with their availability; seq is roster order.
            CREATE TABLE reps (
                id TEXT PRIMARY KEY NOT NULL,
                seq INTEGER NOT NULL UNIQUE,
                name TEXT,
                email TEXT,
                team TEXT,
                backup TEXT,
                timezone TEXT,
                attributes TEXT,
                available INTEGER NOT NULL,
                until INTEGER,
                reason TEXT
            ) STRICT;

            -- Counters of the team and the timeline: next_lead_seq, next_rep_seq,
            -- last_applied_at, round_robin.TEAM (the rep round robin chose last),
            -- and the tally.* row counts below.
            CREATE TABLE meta (
                key TEXT PRIMARY KEY NOT NULL,
                value ANY NOT NULL
            ) WITHOUT ROWID, STRICT;

            -- Pending timers, exactly LeadState.timers of every lead. The key is the
            -- firing order (time, capture order, due < deadline < nurture), so the
            -- next timer is the first row; a lead's old timers are deleted by key,
            -- from its old state, so no index on lead is needed.
            CREATE TABLE timers (
                at INTEGER NOT NULL,
                lead_seq INTEGER NOT NULL,
                kind_order INTEGER NOT NULL,  -- 0 due, 1 deadline, 2 nurture
                lead TEXT NOT NULL,
                kind TEXT NOT NULL,           -- LeadTimer.Kind.code: due:2, deadline:1, nurture
                PRIMARY KEY (at, lead_seq, kind_order)
            ) WITHOUT ROWID, STRICT;

            -- Notifications, one row per receiver. The rowid is minting order.
            -- Ids start with "LEAD:", so a lead's rows are a range of the primary key.
            CREATE TABLE outbox (
                id TEXT NOT NULL,
                receiver TEXT NOT NULL,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                lead TEXT NOT NULL,
                payload TEXT NOT NULL,        -- LeadNotification.jsonLine
                state TEXT NOT NULL,          -- pending, delivered, dead
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT,
                last_attempt_at INTEGER,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER,
                PRIMARY KEY (id, receiver)
            ) STRICT;
            -- Only pending rows: delivered ones leave it, so it stays small.
            CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE state = 'pending';

            -- Row counts kept by triggers, in meta (whose one page every
            -- transaction writes anyway): tally.leads.STATUS, tally.outbox.STATE, tally.timers.
            CREATE TRIGGER leads_tally_insert AFTER INSERT ON leads BEGIN
                INSERT INTO meta(key, value) VALUES ('tally.leads.' || NEW.status, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER leads_tally_update AFTER UPDATE OF status ON leads WHEN OLD.status <> NEW.status BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.leads.' || OLD.status;
                INSERT INTO meta(key, value) VALUES ('tally.leads.' || NEW.status, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER leads_tally_delete AFTER DELETE ON leads BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.leads.' || OLD.status;
            END;
            CREATE TRIGGER outbox_tally_insert AFTER INSERT ON outbox BEGIN
                INSERT INTO meta(key, value) VALUES ('tally.outbox.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER outbox_tally_update AFTER UPDATE OF state ON outbox WHEN OLD.state <> NEW.state BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.outbox.' || OLD.state;
                INSERT INTO meta(key, value) VALUES ('tally.outbox.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER outbox_tally_delete AFTER DELETE ON outbox BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.outbox.' || OLD.state;
            END;
            INSERT INTO meta(key, value) VALUES ('tally.timers', 0);
            CREATE TRIGGER timers_tally_insert AFTER INSERT ON timers BEGIN
                UPDATE meta SET value = value + 1 WHERE key = 'tally.timers';
            END;
            CREATE TRIGGER timers_tally_delete AFTER DELETE ON timers BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.timers';
            END;
            """)
    }

    /// Lead status changes are counted in code with the inserts (``TallyDelta``):
    /// the trigger decremented `tally.leads.open` with an UPDATE, which found no
    /// row when the capture that created it was in the same batch (its count is
    /// written at commit), so an engaged lead stayed counted as open.
    @Sendable static func countStatusChangesInCode(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER leads_tally_update")
    }

    /// `GET /v1/leads/{id}/events` (issue 15) replays a lead with every rep
    /// event, which have no lead: v1's index leaves them out, so without this
    /// one each export would read the whole log.
    @Sendable static func indexRepEvents(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX events_of_reps ON events(seq) WHERE lead IS NULL")
    }

    /// Version 2's people and routing (issue 13): how a lead reached its owner,
    /// its acceptance window, when its cadence started (qualification), and
    /// whether it counts toward its owner's capacity; reps' weight, capacity,
    /// deactivation and planned availability change. An index answers "a
    /// rep's load" without a scan (v1's leads_by_owner finds a leaving rep's leads).
    @Sendable static func addPeopleAndRouting(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE leads ADD COLUMN by_round_robin INTEGER;
            ALTER TABLE leads ADD COLUMN accept_by INTEGER;
            ALTER TABLE leads ADD COLUMN cadence_from INTEGER;
            ALTER TABLE leads ADD COLUMN in_cadence INTEGER;
            UPDATE leads SET in_cadence = (status = 'open' AND step IS NOT NULL);
            CREATE INDEX leads_in_cadence ON leads(owner) WHERE in_cadence = 1;
            ALTER TABLE reps ADD COLUMN weight INTEGER;
            ALTER TABLE reps ADD COLUMN capacity INTEGER;
            ALTER TABLE reps ADD COLUMN deactivated INTEGER;
            ALTER TABLE reps ADD COLUMN scheduled TEXT;
            ALTER TABLE reps ADD COLUMN scheduled_seq INTEGER;
            """)
    }

    /// Version 2's follow-through (issue 12): a step's window, breach count and
    /// repeat, whether a wake re-opened it; a lead's snooze and check-in clock.
    /// NULL on older rows: ``LeadRow`` reads them as "none" (a breached step
    /// counts one breach, its window is deadline − due).
    @Sendable static func addFollowThrough(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE leads ADD COLUMN step_window INTEGER;
            ALTER TABLE leads ADD COLUMN step_last_breach_at INTEGER;
            ALTER TABLE leads ADD COLUMN step_repeat_at INTEGER;
            ALTER TABLE leads ADD COLUMN step_breaches INTEGER;
            ALTER TABLE leads ADD COLUMN step_reopened INTEGER;
            ALTER TABLE leads ADD COLUMN snoozed_until INTEGER;
            ALTER TABLE leads ADD COLUMN snooze_reason TEXT;
            ALTER TABLE leads ADD COLUMN check_in_from INTEGER;
            ALTER TABLE leads ADD COLUMN check_in_at INTEGER;
            CREATE INDEX leads_snoozed ON leads(owner, snoozed_until) WHERE snoozed_until IS NOT NULL;
            """)
    }

    /// When the open step started counting, so a rules reload can re-plan it
    /// (NULL on rows written before: ``LeadRow`` falls back to the step's due time).
    @Sendable static func addStepOpenedAt(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE leads ADD COLUMN step_opened_at INTEGER")
    }

    /// Delivery per receiver (issue 4): which fallback delivered a row, when an
    /// admin re-queued it, an index so each receiver drains its own due rows,
    /// one for listing dead letters, and tallies per receiver and state.
    @Sendable static func createDelivery(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN via TEXT;
            ALTER TABLE outbox ADD COLUMN requeued_at INTEGER;
            CREATE INDEX outbox_receiver_pending ON outbox(receiver, next_attempt_at) WHERE state = 'pending';
            CREATE INDEX outbox_dead ON outbox(receiver) WHERE state = 'dead';

            INSERT INTO meta(key, value)
                SELECT 'tally.receiver.' || receiver || '.' || state, count(*) FROM outbox GROUP BY receiver, state;
            DROP TRIGGER outbox_tally_insert;
            DROP TRIGGER outbox_tally_update;
            DROP TRIGGER outbox_tally_delete;
            CREATE TRIGGER outbox_tally_insert AFTER INSERT ON outbox BEGIN
                INSERT INTO meta(key, value) VALUES ('tally.outbox.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
                INSERT INTO meta(key, value) VALUES ('tally.receiver.' || NEW.receiver || '.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER outbox_tally_update AFTER UPDATE OF state ON outbox WHEN OLD.state <> NEW.state BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.outbox.' || OLD.state;
                INSERT INTO meta(key, value) VALUES ('tally.outbox.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
                UPDATE meta SET value = value - 1 WHERE key = 'tally.receiver.' || OLD.receiver || '.' || OLD.state;
                INSERT INTO meta(key, value) VALUES ('tally.receiver.' || NEW.receiver || '.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER outbox_tally_delete AFTER DELETE ON outbox BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.outbox.' || OLD.state;
                UPDATE meta SET value = value - 1 WHERE key = 'tally.receiver.' || OLD.receiver || '.' || OLD.state;
            END;
            """)
    }

    /// The ingest path counts the leads, timers and outbox rows it inserts (and
    /// the timers it deletes) itself, once per transaction (``TallyDelta``):
    /// these triggers ran a statement per row on the hot path.
    @Sendable static func dropInsertTallyTriggers(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER leads_tally_insert;
            DROP TRIGGER timers_tally_insert;
            DROP TRIGGER timers_tally_delete;
            DROP TRIGGER outbox_tally_insert;
            """)
    }

    /// Marking rows delivered counts its own tallies, once per round
    /// (``SQLiteLeadStore/record(_:at:)``): the trigger ran four `meta`
    /// statements per delivered row on the writer ingest shares. It stays for
    /// every other state change (dead letters, an admin's retry), which are rare.
    @Sendable static func countDeliveriesInCode(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER outbox_tally_update;
            CREATE TRIGGER outbox_tally_update AFTER UPDATE OF state ON outbox
                WHEN OLD.state <> NEW.state AND NOT (OLD.state = 'pending' AND NEW.state = 'delivered') BEGIN
                UPDATE meta SET value = value - 1 WHERE key = 'tally.outbox.' || OLD.state;
                INSERT INTO meta(key, value) VALUES ('tally.outbox.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
                UPDATE meta SET value = value - 1 WHERE key = 'tally.receiver.' || OLD.receiver || '.' || OLD.state;
                INSERT INTO meta(key, value) VALUES ('tally.receiver.' || NEW.receiver || '.' || NEW.state, 1)
                    ON CONFLICT(key) DO UPDATE SET value = value + 1;
            END;
            """)
    }

    /// Leads erased by `followupctl lead erase`: events naming them are refused,
    /// and re-plans and rep deactivations pass them by.
    @Sendable static func addErasedLeads(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE erased_leads (
                lead TEXT PRIMARY KEY NOT NULL,
                at INTEGER NOT NULL
            ) WITHOUT ROWID, STRICT;
            """)
    }

    /// `POST /v1/events`'s `Idempotency-Key`: the answer a batch got, kept with
    /// its events (same transaction), so a client's retry is answered again
    /// instead of applied again. created_at is the timeline's instant then.
    @Sendable static func addIdempotencyKeys(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE idempotency_keys (
                key TEXT PRIMARY KEY NOT NULL,
                fingerprint TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID, STRICT;
            """)
    }

    /// Each keyed write forgets the oldest expired answers (a day old): an
    /// index on their age finds them without reading the younger keys.
    @Sendable static func indexIdempotencyKeyAge(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at)")
    }
}
