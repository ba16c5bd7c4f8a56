import GRDB

/// Runs SQL on a file outside the store, as another program would: the tests
/// use it to make foreign and future files and to look at the schema. Not for the daemon.
package enum RawSQL {
    package static func execute(_ sql: String, onFileAt path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    /// The first column of every row `sql` selects, as text.
    package static func strings(_ sql: String, onFileAt path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try String.fetchAll(db, sql: sql) }
    }
}
