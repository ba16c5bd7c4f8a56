#if canImport(Glibc)
import Glibc
#endif
public import FollowUpStore
import Foundation

/// What `POST /v1/backup` asks of the daemon: a consistent copy of its
/// database, handed over as an open file the answer streams from.
public protocol DatabaseBackup: Sendable {
    func copy() async throws -> BackupCopy
}

/// A finished, checked copy: an open descriptor of a file already unlinked,
/// so the copy disappears when the answer has been sent (or the daemon dies)
/// and never fills the state directory.
public struct BackupCopy: Sendable {
    /// Read from the start; closed by whoever streams it.
    public var descriptor: Int32
    public var summary: StoreCopy
}

/// Copies the store into a temporary file beside it — the one directory the
/// hardened unit lets the daemon write — through SQLite's online backup
/// (``FollowUpStore/SQLiteLeadStore/backup(to:)``), while events and timers go on.
public struct StoreDatabaseBackup: DatabaseBackup {
    let store: SQLiteLeadStore

    public init(store: SQLiteLeadStore) {
        self.store = store
    }

    public func copy() async throws -> BackupCopy {
        let path = "\(store.path).backup-\(getpid())-\(UUID().uuidString.prefix(8))"
        let summary = try await store.backup(to: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        let code = errno
        // Unlinked at once: the descriptor keeps the data until it is closed.
        unlink(path)
        guard descriptor >= 0 else {
            throw StoreBackupError(path: path, reason: "cannot reopen the copy: \(String(cString: strerror(code)))")
        }
        return BackupCopy(descriptor: descriptor, summary: summary)
    }
}
