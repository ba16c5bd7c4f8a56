public import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// Who gets a notification, given the lead's priority and team when it was
/// minted (the SQLite store's `NotificationRouter`).
public typealias PostgresNotificationRouter = @Sendable (LeadNotification, RouteFacts) -> [String]

extension PostgresWorld: TimelineTransaction {
    /// The earliest due timer: a rep's planned change from the team, a timer
    /// this transaction added, or a row; taken off the queue here (its row is
    /// deleted at the end), so no timer fires twice.
    func takeTimer(dueBefore limit: Instant, inclusive: Bool) throws -> LeadTimer? {
        try check()
        func due(_ at: Instant) -> Bool { at < limit || (inclusive && at == limit) }
        let change = team.timers.first.flatMap { due($0.at) ? $0 : nil }
        var earliest = timers.earliestAdded
        if let row = try storedTimer(), earliest.map({ row < $0 }) ?? true { earliest = row }
        if let found = earliest, !due(found.at) { earliest = nil }
        if let change, earliest.map({ change < $0 }) ?? true { return change }
        guard let timer = earliest else { return nil }
        timers.remove(timer)
        return timer
    }

    func log(_ event: Event, source: String, receivedAt: Instant) throws -> Int64 {
        if let lead = event.lead, try isErased(lead) {
            let field = if case .leadCaptured = event.body { "lead.id" } else { "lead" }
            throw Diagnostic(field: field, message: "lead \"\(lead)\" was erased (followupctl lead erase); events naming it are refused")
        }
        let seq = nextEventSeq
        nextEventSeq += 1
        eventRows.beginObject()
        eventRows.int("seq", Int(seq))
        eventRows.seconds("at", event.at)
        eventRows.string("type", event.type)
        eventRows.optional("lead", event.lead)
        eventRows.optional("rep", event.rep)
        eventRows.string("source", source)
        eventRows.seconds("received_at", receivedAt)
        eventRows.string("body", event.jsonLine)
        eventRows.endObject()
        eventCount += 1
        return seq
    }

    /// Routes are decided here, at mint time and as the lead stands in this
    /// transaction, so a config reload never re-routes what is queued.
    func queue(_ notifications: [LeadNotification], createdAt: Instant) throws {
        for n in notifications {
            let state = lead(n.lead)
            let payload = n.jsonLine
            for receiver in routing(n, RouteFacts(priority: state?.priority, team: state?.team)) {
                outboxRows.beginObject()
                outboxRows.int("n", outboxCount)
                outboxRows.string("id", n.id)
                outboxRows.string("receiver", receiver)
                outboxRows.seconds("at", n.at)
                outboxRows.string("kind", n.kind.rawValue)
                outboxRows.string("lead", n.lead)
                outboxRows.string("payload", payload)
                outboxRows.string("recipient", n.recipient.rawValue)
                outboxRows.seconds("created_at", createdAt)
                outboxRows.endObject()
                outboxCount += 1
            }
        }
    }

    func reached(_ instant: Instant) {
        if reachedAt.map({ instant > $0 }) ?? true { reachedAt = instant }
    }

    func storedAnswer(forKey key: String) throws -> StoredAnswer? {
        if let kept = answers[key] { return kept.answer }
        for row in try session.query("SELECT fingerprint, body FROM idempotency_keys WHERE key = \(key)") {
            let (fingerprint, body) = try row.decode((String, String).self)
            return StoredAnswer(fingerprint: fingerprint, body: body)
        }
        return nil
    }

    /// Kept in memory and written by ``flush()`` with the events.
    func store(_ answer: StoredAnswer, forKey key: String, at: Instant) throws {
        answers[key] = (answer, at)
        answerOrder.append(key)
    }

    // MARK: Writing

    /// Writes what the transaction did, set-based: the changed leads in one
    /// statement, the timer rows in one, the log rows in one, the outbox rows
    /// in one; their tallies are counted into ``tallies``.
    func flush() throws {
        try check()
        var leads = JSONWriter()
        leads.beginArray()
        var changed = 0
        for id in savedOrder {
            guard let lead = saved[id] else { continue }
            let old = storedLead(id)
            guard old != lead else { continue }
            LeadColumns.write(lead, to: &leads)
            changed += 1
            if old?.status != lead.status {
                if let old { tallies.add(TallyChanges.leads(old.status.rawValue), -1) }
                tallies.add(TallyChanges.leads(lead.status.rawValue), 1)
            }
        }
        leads.endArray()
        if changed > 0 {
            try session.query(PostgresQuery(unsafeSQL: LeadColumns.upsertSQL, binds: try PostgresStoreCache.binds(leads.text)))
        }
        tallies.add(TallyChanges.timers, try timers.write(session))
        if eventCount > 0 {
            eventRows.endArray()
            try session.query(PostgresQuery(unsafeSQL: Self.insertEventsSQL, binds: try PostgresStoreCache.binds(eventRows.text)))
        }
        if !answerOrder.isEmpty {
            var rows = JSONWriter()
            rows.beginArray()
            for key in answerOrder {
                guard let (answer, at) = answers[key] else { continue }
                rows.beginObject()
                rows.string("key", key)
                rows.string("fingerprint", answer.fingerprint)
                rows.string("body", answer.body)
                rows.seconds("created_at", at)
                rows.endObject()
            }
            rows.endArray()
            // Forgotten in this (fenced) transaction, a bounded batch per key kept.
            if let newest = answers.values.map(\.at).max() {
                let cutoff = (newest - StoredAnswer.lifetime).secondsSinceEpoch
                let most = StoredAnswer.forgottenPerWrite * answers.count
                // The oldest answers past their lifetime, found by `idempotency_keys_age`.
                try session.query("""
                    DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys
                        WHERE created_at < \(cutoff) ORDER BY created_at LIMIT \(most))
                    """)
            }
            try session.query(PostgresQuery(unsafeSQL: Self.insertAnswersSQL, binds: try PostgresStoreCache.binds(rows.text)))
        }
        if outboxCount > 0 {
            outboxRows.endArray()
            let made = try session.query(PostgresQuery(unsafeSQL: Self.insertOutboxSQL,
                                                       binds: try PostgresStoreCache.binds(outboxRows.text)))
            var inserted: Int64 = 0
            for row in made {
                let (receiver, n) = try row.decode((String, Int64).self)
                tallies.add(TallyChanges.outbox("pending"), n)
                tallies.add(TallyChanges.receiver(receiver, "pending"), n)
                inserted += n
            }
            tallies.add(TallyChanges.mintedAgain, Int64(outboxCount) - inserted)
        }
    }

    static let insertEventsSQL = """
        INSERT INTO events (seq, at, type, lead, rep, source, received_at, body)
        SELECT * FROM json_to_recordset($1::json)
            AS r(seq bigint, at bigint, type text, lead text, rep text, source text, received_at bigint, body text)
        """

    static let insertAnswersSQL = """
        INSERT INTO idempotency_keys (key, fingerprint, body, created_at)
        SELECT * FROM json_to_recordset($1::json) AS r(key text, fingerprint text, body text, created_at bigint)
        """

    /// A notification id is deterministic: one minted again keeps its row
    /// (as the SQLite store's `INSERT OR IGNORE`). Rows go in minting order.
    static let insertOutboxSQL = """
        WITH made AS (
            INSERT INTO outbox (id, receiver, at, kind, lead, payload, recipient, state, attempts, next_attempt_at, created_at)
            SELECT id, receiver, at, kind, lead, payload, recipient, 'pending', 0, at, created_at
            FROM json_to_recordset($1::json)
                AS r(n integer, id text, receiver text, at bigint, kind text, lead text, payload text, recipient text,
                     created_at bigint)
            ORDER BY n
            ON CONFLICT DO NOTHING RETURNING receiver)
        SELECT receiver, count(*) FROM made GROUP BY receiver
        """
}
