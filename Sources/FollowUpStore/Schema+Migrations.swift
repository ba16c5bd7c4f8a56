import GRDB

/// The migrations after v1, each a small step on the shipped schema (never edited once shipped).
extension Schema {
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

    /// `v18-report-fine-bins`: the total, teams and priorities count their
    /// percentile values in fine bins (``FollowUpReports/ValueBins``), and the
    /// bin counts are also summed per week (`report_bins_weekly`: a month's
    /// window reads four weeks and a few days, not thirty days, of bin rows).
    /// The bins and values v17 filed under coarse ones are refilled:
    /// forgetting `report.rules` makes the next report rebuild every group row.
    @Sendable static func refileReportBins(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE report_bins_weekly (
                metric INTEGER NOT NULL, dim TEXT NOT NULL, week INTEGER NOT NULL, key TEXT NOT NULL,
                bin INTEGER NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (metric, dim, week, key, bin)
            ) STRICT, WITHOUT ROWID;
            DELETE FROM meta WHERE key = 'report.rules';
            """)
    }
}
