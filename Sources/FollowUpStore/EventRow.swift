import FollowUpCore
import FollowUpFormats
import GRDB

/// The event log: one row per applied event, its JSON line as the body so it
/// can be replayed exactly, and the lead and rep it names as columns to query.
enum EventRow {
    static let insertSQL = "INSERT INTO events (at, type, lead, rep, source, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)"
    static let byLeadSQL = "SELECT seq, body, source, received_at FROM events WHERE lead = ? ORDER BY seq"

    /// Appends an event; returns its sequence number.
    static func insert(_ event: Event, source: String, receivedAt: Instant, _ db: Database) throws -> Int64 {
        var statement = try BoundStatement(db, sql: insertSQL)
        statement.bind(event.at.secondsSinceEpoch)
        statement.bind(event.type)
        statement.bind(event.lead)
        statement.bind(event.rep)
        statement.bind(source)
        statement.bind(receivedAt.secondsSinceEpoch)
        statement.bind(event.jsonLine)
        try statement.execute()
        return db.lastInsertedRowID
    }

    /// Every event naming `lead`, oldest first.
    static func naming(_ lead: LeadID, _ db: Database) throws -> [LoggedEvent] {
        try fetch(byLeadSQL, arguments: [lead], db)
    }

    static let ofRepsSQL = "SELECT seq, body, source, received_at FROM events WHERE lead IS NULL ORDER BY seq"

    /// What replays `lead` in log order: its own events, those of every lead
    /// merged into it (its `lead.merged` needs the duplicate captured), and
    /// every rep event (routing, escalation and availability moves read the
    /// whole team). Each query reads an index; the lists are merged by `seq`.
    static func replaying(_ lead: LeadID, _ db: Database) throws -> [LoggedEvent] {
        var leads = [lead]
        var seen: Set<LeadID> = [lead]
        var events: [LoggedEvent] = []
        var next = 0
        while next < leads.count {
            let own = try naming(leads[next], db)
            next += 1
            for logged in own {
                if case .leadMerged(_, let duplicate) = logged.event.body, seen.insert(duplicate).inserted {
                    leads.append(duplicate)
                }
            }
            events += own
        }
        events += try fetch(ofRepsSQL, arguments: [], db)
        events.sort { $0.seq < $1.seq }
        return events
    }

    /// Decodes the `seq, body, source, received_at` rows a query returns.
    private static func fetch(_ sql: String, arguments: StatementArguments, _ db: Database) throws -> [LoggedEvent] {
        var out: [LoggedEvent] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try cursor.next() {
            var c = ColumnReader(row: row)
            let seq = try c.int64()
            let body = try c.string()
            let event: Event
            do throws(Diagnostic) {
                event = try EventDecoder.decode(body)
            } catch {
                throw StoreDataError(table: "events", key: String(seq), message: "body does not decode: \(error)")
            }
            out.append(LoggedEvent(seq: seq, event: event, source: try c.string(), receivedAt: try c.instant()))
        }
        return out
    }

    /// How many events were logged: the last sequence number, since the log only grows.
    static func count(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
    }
}
