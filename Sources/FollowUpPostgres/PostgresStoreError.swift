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
        }
    }
}
