import GRDB

/// `v16-report-aggregates`: each lead's report contribution
/// (``FollowUpReports/LeadContribution``), kept up to date in the write
/// transaction that changes the lead, so reports read one row per lead of
/// their window instead of scanning the event log and the outbox.
///
/// The rows depend on the rules (capture priority, first-touch deadline,
/// cadence length, call zones), which a migration does not have: `meta`
/// `report.rules` names the rules version the rows were computed under, and
/// the first report asked under another version (an upgraded file has none)
/// fills the table from the full scan in one write transaction.
/// `outbox_by_lead` lets a transaction read one lead's notifications.
///
/// Keyed by capture time, then lead: a report reads a window as one range of
/// the table itself, a lead's row is found from its `captured_at` (which
/// never changes), and each capture appends near the end of the table, so a
/// batch dirties a few pages, not one per lead, and no second index is kept.
enum ReportAggregatesMigration {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE report_leads (
                captured_at INTEGER NOT NULL,
                lead TEXT NOT NULL,
                contribution BLOB NOT NULL,    -- LeadContribution.bytes
                PRIMARY KEY (captured_at, lead)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX outbox_by_lead ON outbox(lead);
            """)
    }
}
