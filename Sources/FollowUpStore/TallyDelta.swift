import GRDB

/// How one transaction changed the row counts `statistics()` reads
/// (`tally.*` in `meta`), for the rows the ingest path inserts: leads, timers,
/// new outbox rows. Written once per transaction instead of by a trigger per
/// row: the insert triggers cost about 15 µs per captured lead (a quarter of
/// the store's work on a capture, measured on 100-event requests). Outbox rows
/// marked delivered are counted the same way (migration v5), and so are lead
/// status changes (migration v8). Other outbox state changes and deletes keep
/// their triggers.
struct TallyDelta: Sendable, Equatable {
    private(set) var changes: [String: Int64] = [:]

    static let timers = "tally.timers"
    /// Outbox rows queued again for an id and receiver already there (``StoreStatistics/notificationsMintedAgain``).
    static let mintedAgain = "tally.minted_again"
    static func leads(_ status: String) -> String { "tally.leads." + status }
    static func outbox(_ state: String) -> String { "tally.outbox." + state }
    static func receiver(_ receiver: String, _ state: String) -> String { "tally.receiver." + receiver + "." + state }

    mutating func add(_ key: String, _ n: Int64) {
        guard n != 0 else { return }
        changes[key, default: 0] += n
    }

    mutating func merge(_ other: TallyDelta) {
        for (key, n) in other.changes { add(key, n) }
    }

    /// Adds the changes to the `meta` rows (creating missing ones).
    func write(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = value + ?2
            """)
        for (key, n) in changes where n != 0 {
            try statement.execute(arguments: [key, n])
        }
    }
}
