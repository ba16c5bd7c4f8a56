/// Why a file cannot be opened as followupd's store. Its description names the
/// file, so the daemon can print it as is.
public struct StoreFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the file.
    public enum Reason: Sendable, Hashable {
        /// The folder that should hold the file does not exist.
        case missingDirectory
        /// There is no file at the path (reading an existing store: `migrate-store`).
        case missingFile
        /// The file is not an SQLite database at all.
        case notADatabase
        /// The file is an SQLite database of some other program.
        case foreignDatabase
        /// The file was written by a newer followupd: it has migrations this code does not know.
        case newerThanCode(migrations: [String])
        /// The file lacks migrations this code has (an older followupd wrote it), and
        /// this reader does not migrate it: only the daemon changes its file.
        case olderThanCode(migrations: [String])
    }

    /// The path as given.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// `/var/lib/followup/state.sqlite: not an SQLite database, so not a followupd store`.
    public var description: String {
        switch reason {
        case .missingDirectory:
            "\(path): its directory does not exist (create it, or point the store elsewhere)"
        case .missingFile:
            "\(path): no such file"
        case .notADatabase:
            "\(path): not an SQLite database, so not a followupd store"
        case .foreignDatabase:
            "\(path): an SQLite database, but not a followupd store (it has tables and no followupd application id)"
        case .newerThanCode(let migrations):
            "\(path): written by a newer followupd (unknown migrations: \(migrations.joined(separator: ", "))); upgrade followupd to open it"
        case .olderThanCode(let migrations):
            "\(path): written by an older followupd (migrations it lacks: \(migrations.joined(separator: ", "))); "
                + "start this followupd on it once (it brings the file up to date), stop it, then try again"
        }
    }
}

/// A row that does not read back as what the store wrote (edited by hand, or a bug).
public struct StoreDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `leads`, `outbox`, …
    public var table: String
    /// The row's key.
    public var key: String
    public var message: String

    public var description: String { "store: \(table) row \(key): \(message)" }
}
