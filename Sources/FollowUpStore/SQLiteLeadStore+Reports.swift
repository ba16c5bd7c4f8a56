public import FollowUpCore
import GRDB

extension SQLiteLeadStore: ReportQueries {
    /// Facts of the leads captured in `[since, until)`: their rows, their
    /// logged touches (from the event log) and their `sla.breached`
    /// notifications (from the outbox, one per id), in one read transaction.
    ///
    /// Three scans filtered by the same capture window; reading 100,000 leads'
    /// facts is measured in docs/reports.md.
    public func reportFacts(capturedSince since: Instant?, before until: Instant?) async throws -> [LeadFacts] {
        let lower = since?.secondsSinceEpoch ?? Int64.min
        let upper = until?.secondsSinceEpoch ?? Int64.max
        let window = "captured_at >= ? AND captured_at < ?"
        return try await pool.read { db in
            let leads = try LeadRow.fetchAll(
                db.makeStatement(sql: "SELECT \(LeadRow.selectList) FROM leads WHERE \(window) ORDER BY seq"),
                arguments: [lower, upper])
            var touches: [LeadID: [TouchFact]] = [:]
            let touchRows = try Row.fetchCursor(db, sql: """
                SELECT lead, at, rep, json_extract(body, '$.outcome') FROM events
                WHERE type = 'touch.logged' AND lead IN (SELECT id FROM leads WHERE \(window))
                ORDER BY seq
                """, arguments: [lower, upper])
            while let row = try touchRows.next() {
                var c = ColumnReader(row: row)
                let lead = try c.string()
                let at = try c.instant()
                let rep = try c.optionalString() ?? ""
                let outcomeText = try c.optionalString() ?? ""
                guard let outcome = Outcome(rawValue: outcomeText) else {
                    throw StoreDataError(table: "events", key: lead, message: "touch.logged without a known outcome: \(outcomeText)")
                }
                touches[lead, default: []].append(TouchFact(at: at, rep: rep, outcome: outcome))
            }
            var breaches: [LeadID: [BreachNotice]] = [:]
            // One row per receiver: keep one per notification id, in minting order.
            let breachRows = try Row.fetchCursor(db, sql: """
                SELECT lead, at, json_extract(payload, '$.step'), json_extract(payload, '$.to') FROM outbox
                WHERE kind = 'sla.breached' AND lead IN (SELECT id FROM leads WHERE \(window))
                GROUP BY id ORDER BY min(rowid)
                """, arguments: [lower, upper])
            while let row = try breachRows.next() {
                var c = ColumnReader(row: row)
                let lead = try c.string()
                let at = try c.instant()
                let step = try c.optionalInt() ?? 0
                let to = try c.optionalString() ?? ""
                breaches[lead, default: []].append(BreachNotice(at: at, step: step, to: to))
            }
            return leads.map { LeadFacts(lead: $0, touches: touches[$0.id] ?? [], breachNotices: breaches[$0.id] ?? []) }
        }
    }
}
