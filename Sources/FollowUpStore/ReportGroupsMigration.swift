import FollowUpReports
import GRDB

/// `v17-report-groups`: reports and the dashboard read O(groups) rows, not
/// one per lead of the window (issue 16).
///
/// - `report_groups`: every additive figure (``FollowUpReports/GroupColumn``)
///   per capture day (UTC), dimension and key, changed by delta (new
///   contribution minus old) in the transaction that changes a lead;
/// - `report_bins` and `report_values`: per group and day, how many speeds to
///   lead and times to accept fall in each coarse bin, and each value filed
///   under its bin, so a median reads one bin's values;
/// - `report_leads` keeps each lead's contribution as the "old value" of the
///   next delta, the leads of a window's partial edge days, and the deadlines
///   of the figures that depend on now (`sla_deadline`, `drop_deadline`,
///   indexed: a report reads only the leads whose deadline decides);
/// - `leads_in_cadence_by_team`: a report's team load (leads in cadence now
///   per team) counted from a covering index, not by visiting each lead's row
///   (90 ms → 9 ms at 65,000 leads in cadence).
///
/// The rows are refilled from the full scan under the rules in force: the
/// migration forgets `report.rules`, so the next adoption rebuilds them.
enum ReportGroupsMigration {
    @Sendable static func migrate(_ db: Database) throws {
        let columns = GroupColumn.allCases.map { "\($0.rawValue) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TABLE report_groups (
                day INTEGER NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, \(columns),
                PRIMARY KEY (day, dim, key)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE report_bins (
                metric INTEGER NOT NULL, dim TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL,
                bin INTEGER NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (metric, dim, day, key, bin)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE report_values (
                metric INTEGER NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, bin INTEGER NOT NULL,
                captured_at INTEGER NOT NULL, lead TEXT NOT NULL, n INTEGER NOT NULL, value INTEGER NOT NULL,
                PRIMARY KEY (metric, dim, key, bin, captured_at, lead, n)
            ) STRICT, WITHOUT ROWID;
            ALTER TABLE report_leads ADD COLUMN sla_deadline INTEGER;
            ALTER TABLE report_leads ADD COLUMN drop_deadline INTEGER;
            CREATE INDEX report_leads_sla_deadline ON report_leads(sla_deadline) WHERE sla_deadline IS NOT NULL;
            CREATE INDEX report_leads_drop_deadline ON report_leads(drop_deadline) WHERE drop_deadline IS NOT NULL;
            CREATE INDEX leads_in_cadence_by_team ON leads(team) WHERE in_cadence = 1;
            DELETE FROM meta WHERE key = 'report.rules';
            """)
    }
}
