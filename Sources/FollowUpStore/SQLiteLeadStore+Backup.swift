import Foundation
import GRDB

/// What a backup copied, read back from the copy itself.
public struct StoreCopy: Sendable, Hashable {
    /// The copy's path.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int
    /// The leads and events the copy holds.
    public var leads: Int
    public var events: Int
    /// The last schema migration the copy has, e.g. `v10-erased-leads`.
    public var schema: String
}

/// Why a backup could not be written.
public struct StoreBackupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

extension SQLiteLeadStore {
    /// Copies the whole database into a new file at `destination` through
    /// SQLite's online backup, then opens the copy and checks it.
    ///
    /// The copy is taken inside one read transaction of the pool: in WAL mode
    /// that is a snapshot of the last commit, so it holds every event applied
    /// before it began and none half-applied after, while the writer goes on
    /// committing (readers never block it). A file copy (`cp`) of a live WAL
    /// database can instead catch the main file and its log at different
    /// moments.
    ///
    /// - Throws: ``StoreBackupError`` when `destination` exists, its directory
    ///   is missing, or the copy fails its integrity check; storage errors
    ///   (a full disk) otherwise. Nothing is left at `destination` on failure.
    public func backup(to destination: String) async throws -> StoreCopy {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreBackupError(path: destination, reason: "exists already")
        }
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw StoreBackupError(path: destination, reason: "its directory does not exist")
        }
        do {
            try await pool.read { source in
                let copy = try DatabaseQueue(path: destination)
                try copy.writeWithoutTransaction { target in try source.backup(to: target) }
                try copy.close()
            }
            return try Self.check(copy: destination)
        } catch {
            Self.remove(destination)
            throw error
        }
    }

    /// Opens the copy on a connection of its own and reads what it holds, so a
    /// copy that would not restore is found now rather than on the bad day.
    static func check(copy path: String) throws -> StoreCopy {
        var configuration = Configuration()
        configuration.label = "followupd.backup-check"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let copy = try queue.read { db in
            let verdict = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
            guard verdict == "ok" else {
                throw StoreBackupError(path: path, reason: "the copy fails SQLite's quick_check: \(verdict)")
            }
            return StoreCopy(
                path: path, bytes: 0,
                leads: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM leads") ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                schema: try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "none")
        }
        try queue.close()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return StoreCopy(path: copy.path, bytes: size, leads: copy.leads, events: copy.events, schema: copy.schema)
    }

    /// Removes a copy and whatever SQLite left beside it.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
