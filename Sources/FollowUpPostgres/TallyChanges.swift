import PostgresNIO

/// How one transaction changed the row counts `statistics()` reads (the
/// `tallies` table), written once at its end in one statement: counts change
/// in the same transaction as the rows, so they always equal a GROUP BY.
struct TallyChanges {
    private(set) var changes: [String: Int64] = [:]

    static let timers = "timers"
    /// Outbox rows queued again for an id and receiver already there (``StoreStatistics/notificationsMintedAgain``).
    static let mintedAgain = "minted_again"
    static func leads(_ status: String) -> String { "leads." + status }
    static func outbox(_ state: String) -> String { "outbox." + state }
    static func receiver(_ receiver: String, _ state: String) -> String { "receiver." + receiver + "." + state }

    mutating func add(_ key: String, _ n: Int64) {
        guard n != 0 else { return }
        changes[key, default: 0] += n
    }

    func write(_ session: PostgresSession) throws {
        // Sorted: the writer's and the recorder's transactions lock tally rows in the same order (no deadlock).
        let nonzero = changes.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        guard !nonzero.isEmpty else { return }
        try session.query("""
            INSERT INTO tallies (key, n) SELECT * FROM unnest(\(nonzero.map(\.key))::text[], \(nonzero.map(\.value))::bigint[])
            ON CONFLICT (key) DO UPDATE SET n = tallies.n + EXCLUDED.n
            """)
    }
}
