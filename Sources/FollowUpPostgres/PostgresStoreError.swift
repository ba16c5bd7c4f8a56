import Foundation

/// What the PostgreSQL store refuses or finds wrong, each naming its place.
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `database:` URL does not read.
    case badURL(String, reason: String)
    /// Another node took the lease after this store opened (its epoch moved on,
    /// or the row is gone): this node must not write, and the write was rolled back.
    case fenced(expected: Int64, found: Int64?)
    /// The database has schema versions this code does not know (a newer followupd wrote it).
    case newerThanCode(versions: [Int])
    /// A stored row that does not read back.
    case data(table: String, key: String, message: String)
    /// Used before ``PostgresLeadStore/open()`` or after ``PostgresLeadStore/close()``.
    case notOpen
    /// The server refused a statement, or the connection failed: the
    /// statement's first words, and the server's SQLSTATE and message (what
    /// PostgresNIO's own error text withholds).
    case statement(String, reason: String)
    /// The server could not be reached or refused the connection (the reason as the connection failed).
    case unreachable(String)
    /// `migrate-store`: the database holds followupd's data already.
    case notEmpty(leads: Int, events: Int, reps: Int, outbox: Int)
    /// `migrate-store`: a node holds a lease that has not expired, so it may be writing.
    case leaseHeld(holder: String)
    /// `migrate-store`: a table's copy does not hold as many rows as its source (the copy was rolled back).
    case copyMismatch(table: String, source: Int, copied: Int)
    /// `migrate-store`: the source has a table or column this code does not copy (the copy was not begun).
    case uncopiedTable(String)
    /// TLS was asked for (`sslmode=require`) and cannot be set up: the reason names the file.
    case tls(String)

    public var description: String {
        switch self {
        case .badURL(_, let reason):
            // The reason names the URL already, its password masked (PostgresAddress.parse).
            reason
        case .fenced(let expected, let found):
            "fenced: the lease's epoch is \(found.map(String.init) ?? "gone"), this node opened at \(expected): "
                + "another node leads now; nothing was written"
        case .newerThanCode(let versions):
            "the database has schema versions \(versions.map(String.init).joined(separator: ", ")) this followupd does not know: "
                + "run the newer followupd"
        case .data(let table, let key, let message):
            "\(table) \(key): \(message)"
        case .notOpen:
            "the PostgreSQL store is not open"
        case .statement(let statement, let reason):
            "PostgreSQL refused \(statement)…: \(reason)"
        case .unreachable(let reason):
            "cannot reach PostgreSQL: \(reason)"
        case .notEmpty(let leads, let events, let reps, let outbox):
            "the database holds followupd's data already (\(leads) leads, \(events) events, \(reps) reps, \(outbox) outbox rows); "
                + "copy into an empty database, or add --replace to delete what it holds first"
        case .leaseHeld(let holder):
            "followupd node \(holder) holds the lease on this database and may be writing: stop every node first"
        case .copyMismatch(let table, let source, let copied):
            "\(table): \(source) rows in the source but \(copied) copied; nothing was committed"
        case .tls(let reason):
            "PostgreSQL TLS: \(reason)"
        case .uncopiedTable(let name):
            "the source has \(name), which this followupctl does not know how to copy; nothing was copied (use the followupctl of the followupd that wrote it)"
        }
    }
}
