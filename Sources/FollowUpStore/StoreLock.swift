#if canImport(Glibc)
import Glibc
#endif

/// One daemon per database: an exclusive `flock` on a file beside it
/// (`followupd.sqlite.lock`), held for the life of the process. Two daemons
/// on one file would both fire every timer and send every notification.
///
/// The lock is on a sidecar file, never on the database: SQLite takes POSIX
/// (`fcntl`) locks on the database, and closing *any* descriptor of a file
/// drops every POSIX lock the process holds on it. `flock` locks belong to
/// the open file, so the kernel drops this one when the process ends, even
/// by `kill -9`: a lock file left behind never blocks a restart. Its content
/// — the holder's pid — is only there to name it in the refusal.
///
/// Only the daemon takes it; readers (reports, the tests' `sqlite3`) do not.
public struct StoreLock: ~Copyable, Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// The lock file of `database`: the same path with `.lock` added.
    public static func path(for database: String) -> String { database + ".lock" }

    /// Takes the lock on `database`, or throws ``StoreLockError`` (held by
    /// another process, naming its pid) or ``StoreFileError`` (no directory).
    public init(database: String) throws {
        path = Self.path(for: database)
        // O_CLOEXEC: a receiver's child (sendmail, exec) must not inherit the
        // descriptor, or it would keep the lock after the daemon is gone.
        // 0600: whoever may use the API need not read the daemon's files (issue 11).
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw StoreFileError(path: database, reason: .missingDirectory) }
            throw StoreLockError(database: database, lockFile: path, reason: .unusable(String(cString: strerror(code))))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.holder(fd)
            close(fd)
            if code == EWOULDBLOCK { throw StoreLockError(database: database, lockFile: path, reason: .held(pid: holder)) }
            throw StoreLockError(database: database, lockFile: path, reason: .unusable(String(cString: strerror(code))))
        }
        let line = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    /// The pid written in the lock file, if it reads as one.
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).filter { !$0.isWhitespace })
    }

    /// Lets go of the lock (the daemon does at the end of a clean stop; the
    /// kernel does when the process ends, whatever the cause). The file stays:
    /// removing it could race with the next daemon taking it.
    public consuming func release() {}

    deinit { close(descriptor) }
}

/// Why the daemon cannot take its database.
public struct StoreLockError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Another process holds the lock; its pid as it wrote it, when readable.
        case held(pid: Int32?)
        /// The lock file cannot be created or locked (permissions, a read-only file system).
        case unusable(String)
    }

    /// The database as configured.
    public var database: String
    public var lockFile: String
    public var reason: Reason

    public init(database: String, lockFile: String, reason: Reason) {
        self.database = database
        self.lockFile = lockFile
        self.reason = reason
    }

    /// `/var/lib/followup/followupd.sqlite: in use by another followupd (pid 812; lock file …)`.
    public var description: String {
        switch reason {
        case .held(let pid):
            "\(database): in use by another followupd (\(pid.map { "pid \($0)" } ?? "pid unknown"); lock file \(lockFile)); "
                + "stop it first, or give this one its own database"
        case .unusable(let why):
            "\(database): cannot take the lock file \(lockFile): \(why)"
        }
    }
}
