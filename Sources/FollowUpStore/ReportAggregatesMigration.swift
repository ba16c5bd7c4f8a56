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
enum ReportAggregatesMigration {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE report_leads (
                lead TEXT PRIMARY KEY,
                captured_at INTEGER NOT NULL,
                contribution BLOB NOT NULL    -- LeadContribution.bytes
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX report_leads_by_capture ON report_leads(captured_at);
            CREATE INDEX outbox_by_lead ON outbox(lead);
            """)
    }
}
