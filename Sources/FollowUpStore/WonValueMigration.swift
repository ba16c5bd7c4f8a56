import GRDB

/// `v11-won-value`: a won lead's deal value (`lead.status` `value`) as a
/// `leads` column, so reports read revenue with the lead's row.
///
/// Before v11 the decoder kept an unknown `value` member as an attribute, so
/// old `lead.status` bodies may carry one. Two things follow, both done here
/// once rather than on every read:
/// - a valid value (a number from 0 to the maximum) on a lead's first
///   `lead.status` — the one the engine applied — that made it `won` is
///   copied to the lead, so past wins count as revenue;
/// - a value the decoder now refuses (text, a negative number, a value on a
///   lost lead) is moved to `value_before_v11`, an attribute again, so the
///   event log still replays.
enum WonValueMigration {
    /// The largest value, in currency units, as SQL text (``FollowUpCore/Amount/maximum``).
    private static let maximumUnits = "1000000000"

    @Sendable static func migrate(_ db: Database) throws {
        let valid = """
            json_type(body, '$.value') IN ('integer', 'real') AND json_extract(body, '$.value') >= 0
            AND json_extract(body, '$.value') <= \(maximumUnits)
            """
        try db.execute(sql: """
            ALTER TABLE leads ADD COLUMN won_value INTEGER;
            UPDATE events SET body = json_set(json_remove(body, '$.value'), '$.value_before_v11', json_extract(body, '$.value'))
                WHERE type = 'lead.status' AND json_type(body, '$.value') IS NOT NULL AND json_type(body, '$.value') <> 'null'
                  AND NOT (json_extract(body, '$.status') = 'won' AND \(valid));
            UPDATE leads SET won_value = (
                SELECT CAST(round(json_extract(e.body, '$.value') * 100) AS INTEGER) FROM events e
                WHERE e.type = 'lead.status' AND e.lead = leads.id ORDER BY e.seq LIMIT 1)
                WHERE status = 'won';
            """)
    }
}
