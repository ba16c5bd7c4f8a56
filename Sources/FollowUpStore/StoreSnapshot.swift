import FollowUpCore
import FollowUpFormats
import Foundation
import GRDB

/// A followupd SQLite database opened to be read whole, as `followupctl
/// migrate-store` copies it to PostgreSQL: under the daemon's own lock
/// (``StoreLock``), so it refuses a file a running followupd holds and no
/// daemon starts on it meanwhile, and read in one read transaction, so every
/// table comes from the same commit.
///
/// It never migrates or otherwise writes the file: a file older or newer
/// than this code is refused (``StoreFileError``).
public final class StoreSnapshotSource: Sendable {
    /// The file as given.
    public let path: String
    private let queue: DatabaseQueue
    private let lock: StoreLock

    /// Opens the store at `path` for reading.
    /// - Throws: ``StoreFileError`` (no such file, not SQLite, not followupd's,
    ///   newer or older than this code), ``StoreLockError`` (a followupd runs on it).
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreFileError(path: path, reason: .missingFile)
        }
        // An empty file is what SQLite would take for a new database: it holds no store.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else { throw StoreFileError(path: path, reason: .notADatabase) }
        lock = try StoreLock(database: path)
        var configuration = Configuration()
        configuration.label = "followupd.snapshot"
        configuration.busyMode = .timeout(5)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try Self.check(db, path: path) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreFileError(path: path, reason: .notADatabase)
        }
        self.path = path
    }

    /// Refuses what is not a followupd store of exactly this code's schema.
    private static func check(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard applicationID == Schema.applicationID else { throw StoreFileError(path: path, reason: .foreignDatabase) }
        let applied = try Schema.migrator.appliedIdentifiers(db)
        let newer = applied.subtracting(Schema.migrator.migrations)
        if !newer.isEmpty { throw StoreFileError(path: path, reason: .newerThanCode(migrations: newer.sorted())) }
        let missing = Schema.migrator.migrations.filter { !applied.contains($0) }
        if !missing.isEmpty { throw StoreFileError(path: path, reason: .olderThanCode(migrations: missing)) }
    }

    /// Runs `body` with the whole database as of one commit (one read transaction).
    public func read<T>(_ body: (StoreSnapshot) throws -> T) throws -> T {
        try queue.read { db in try body(StoreSnapshot(db: db)) }
    }

    /// Closes the file and lets go of the lock.
    public func close() throws {
        try queue.close()
    }
}

/// The tables of a followupd SQLite store inside one read transaction, each
/// row as a JSON object keyed by column: the shape another store's loader
/// reads (`json_to_recordset` in PostgreSQL) without knowing SQLite.
public struct StoreSnapshot {
    let db: Database

    /// The store's tables (SQLite's and GRDB's own left out).
    public func tables() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            ORDER BY name
            """)
    }

    /// The columns of `table`, in table order.
    public func columns(of table: String) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    /// How many rows `table` holds.
    public func count(_ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
    }

    /// Every row of `table`, `size` rows at a time, each batch a JSON array of
    /// objects keyed by column. A table with a rowid is read in rowid order and
    /// each object also has it as `"rowid"` (the outbox's minting order).
    public func chunks(of table: String, size: Int, _ body: (String) throws -> Void) throws {
        let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                             arguments: [table]) ?? ""
        let hasRowID = !definition.uppercased().contains("WITHOUT ROWID")
        let name = table.quotedDatabaseIdentifier
        let sql = hasRowID ? "SELECT rowid AS \"rowid\", * FROM \(name) ORDER BY rowid" : "SELECT * FROM \(name)"
        let rows = try Row.fetchCursor(db, sql: sql)
        var w = JSONWriter()
        var inChunk = 0
        w.beginArray()
        while let row = try rows.next() {
            w.beginObject()
            for (column, value) in row {
                switch value.storage {
                case .null: w.null(column)
                case .int64(let n): w.int(column, Int(n))
                case .double(let d): w.value(column, .number(String(d)))
                case .string(let s): w.string(column, s)
                case .blob:
                    throw StoreDataError(table: table, key: "\(row[0] as DatabaseValue)", message: "\(column) holds a blob, which no followupd table has")
                }
            }
            w.endObject()
            inChunk += 1
            if inChunk == size {
                w.endArray()
                try body(w.text)
                w.reset()
                w.beginArray()
                inChunk = 0
            }
        }
        w.endArray()
        if inChunk > 0 { try body(w.text) }
    }
}
