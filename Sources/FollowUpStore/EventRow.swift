import FollowUpCore
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
        var out: [LoggedEvent] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: byLeadSQL), arguments: [lead])
        while let row = try cursor.next() {
            var c = ColumnReader(row: row)
            let seq = try c.int64()
            let body = try c.string()
            let event: Event
            do throws(EventError) {
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
