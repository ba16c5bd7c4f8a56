public import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// Erasing a lead on PostgreSQL: what the SQLite store does
/// (docs/semantics.md, "Erasing a lead"), in one fenced transaction.
extension PostgresLeadStore: LeadErasing {
    /// Removes a lead's personal data from every table, keeping what the
    /// reports count: the lead row keeps its status, times, owner, source and
    /// counters, its name becomes `erased` and its other profile fields empty;
    /// its events and notifications are rewritten without personal data; its
    /// timers go, its undelivered notifications die, and the lead is recorded
    /// in `erased_leads`, so later events naming it are refused.
    ///
    /// The old row versions stay in the table files until VACUUM (autovacuum)
    /// reclaims them, and in WAL segments until they are recycled, so the
    /// answer's `logEmptied` is false (docs/operations.md says what to run).
    /// - Returns: nil for an unknown lead.
    public func erase(_ lead: LeadID, at now: Instant) async throws -> LeadErasure? {
        try await transaction { session, _, tallies in
            let found = try session.query("SELECT seq FROM leads WHERE id = \(lead) FOR UPDATE")
            guard !found.isEmpty else { return nil }
            try session.query("""
                UPDATE leads SET name = 'erased', email = NULL, phone = NULL, company = NULL, title = NULL,
                    need = NULL, attributes = NULL, snooze_reason = NULL,
                    deadline_open = NULL, in_cadence = false, awaits_first_touch = false, snoozed_until = NULL
                WHERE id = \(lead)
                """)
            try session.query("INSERT INTO erased_leads (lead, at) VALUES (\(lead), \(now.secondsSinceEpoch)) ON CONFLICT DO NOTHING")

            var events = 0
            for row in try session.query("SELECT seq, body FROM events WHERE lead = \(lead)") {
                let (seq, body) = try row.decode((Int64, String).self)
                guard let scrubbed = ErasedRows.eventBody(body) else { continue }
                try session.query("UPDATE events SET body = \(scrubbed) WHERE seq = \(seq)")
                events += 1
            }

            var notifications = 0
            for row in try session.query("SELECT mint, payload, last_error FROM outbox WHERE lead = \(lead)") {
                let (mint, payload, lastError) = try row.decode((Int64, String, String?).self)
                guard let scrubbed = ErasedRows.notification(payload: payload, lastError: lastError) else { continue }
                try session.query("UPDATE outbox SET payload = \(scrubbed.payload), last_error = \(scrubbed.lastError) WHERE mint = \(mint)")
                notifications += 1
            }

            let died = try session.query("""
                UPDATE outbox SET state = 'dead', last_error = 'lead erased'
                WHERE lead = \(lead) AND state = 'pending' RETURNING receiver
                """)
            for row in died {
                let receiver = try row.decode(String.self)
                tallies.add(TallyChanges.outbox("pending"), -1)
                tallies.add(TallyChanges.outbox("dead"), 1)
                tallies.add(TallyChanges.receiver(receiver, "pending"), -1)
                tallies.add(TallyChanges.receiver(receiver, "dead"), 1)
            }

            let timers = try session.query("DELETE FROM timers WHERE lead = \(lead) RETURNING 1").count
            tallies.add(TallyChanges.timers, -Int64(timers))
            return LeadErasure(lead: lead, events: events, notifications: notifications, timers: timers,
                               undelivered: died.count, logEmptied: false)
        }
    }
}
