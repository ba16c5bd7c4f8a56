import GRDB

extension Schema {
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
}
