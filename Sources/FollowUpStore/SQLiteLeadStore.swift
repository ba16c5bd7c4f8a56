public import FollowUpCore
import Foundation
import GRDB
import GRDBSQLite
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// followupd's store: one SQLite file in WAL mode holding the event log, lead
/// state, pending timers and the notification outbox.
///
/// Every event and every fired timer is one write transaction that runs the
/// engine inside it, so what an event changes commits whole or not at all,
/// and a notification id once committed is never minted again. Reads go
/// through WAL readers and never wait for the writer.
///
/// The team (reps and round-robin pointers) is kept whole in memory: every
/// event consults it and it is small. The copy is replaced only after a
/// transaction commits.
/// Who gets a notification, given the lead's priority and team when it was minted.
public typealias NotificationRouter = @Sendable (LeadNotification, RouteFacts) -> [String]

public final class SQLiteLeadStore: LeadStore, LeadQueries, Outbox {
    /// The file as given to ``init(path:durability:receivers:)``.
    public let path: String
    let pool: DatabasePool
    /// A connection for background checkpoints (nil unless asked for).
    let checkpointer: DatabaseQueue?
    /// The write-ahead log's size past which it is emptied: at a commit
    /// without background checkpoints, by ``compactLog()`` with them.
    let logLimit: Int64
    /// 64 MiB: a burst's log is given back to the disk, a sustained one's kept.
    public static let logLimit: Int64 = 64 << 20
    /// The log's length (in bytes of frames) past which a background
    /// checkpoint lets it restart (``checkpoint()``): short enough that the
    /// writer's own safety net (``writerCheckpointFrames``) is not reached
    /// first, long enough that restarts, each a short pause of the writer,
    /// come seldom (about every 2.5 s at 19,000 events/s, whose log grows
    /// ~105 MB/s).
    let logRestart: Int64
    /// The file's page size (`PRAGMA page_size`), so ``logRestart``'s bytes
    /// count the log's frames at their real length, whatever page size the
    /// file was created with.
    let pageSize: Int64
    /// 256 MiB, 64 % of the writer's safety net: at 100 MB/s of log there
    /// is a second and a half to restart before the net is reached.
    public static let logRestart: Int64 = 256 << 20
    /// With background checkpoints, the log's length in frames at which a
    /// commit checkpoints on the writer itself: a safety net for when the
    /// background stops (100,000 frames, ~400 MB).
    static let writerCheckpointFrames = 100_000
    let cache: Mutex<StoreCache>
    /// Who gets each notification (one outbox row per receiver).
    let receivers: NotificationRouter
    /// The rules this process keeps each lead's report contribution under
    /// (`report_leads`, v16), nil until a report adopted them; see
    /// ``reportContributions(capturedSince:before:rules:)``.
    let reportRules = Mutex<Rules?>(nil)

    /// Opens (or creates) the store at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - durability: `PRAGMA synchronous`; see ``Synchronous``.
    ///   - receivers: the receivers a notification goes to, e.g. from the
    ///     notifier configuration; each gets its own outbox row and delivery state.
    ///   - backgroundCheckpoints: the caller will call ``checkpoint()`` as it
    ///     writes (the daemon does), so the writer itself only checkpoints as a
    ///     safety net when the log grows very large.
    ///   - logLimit: the log's size past which it is emptied (``compactLog()``).
    ///   - logRestart: the log's length past which ``checkpoint()`` makes it restart.
    /// - Throws: ``StoreFileError`` when the directory is missing or the file is
    ///   not a followupd store, or is newer than this code; storage errors otherwise.
    public convenience init(path: String, durability: Synchronous = .normal, backgroundCheckpoints: Bool = false,
                            logLimit: Int64 = SQLiteLeadStore.logLimit, logRestart: Int64 = SQLiteLeadStore.logRestart,
                            receivers: @escaping @Sendable (LeadNotification) -> [String]) throws {
        try self.init(path: path, durability: durability, backgroundCheckpoints: backgroundCheckpoints,
                      logLimit: logLimit, logRestart: logRestart, routing: { notification, _ in receivers(notification) })
    }

    /// Opens (or creates) the store at `path`, routing each notification by
    /// what it is and by the lead's priority and team when it is minted
    /// (``NotificationRoutes``): routes decide at mint time, inside the
    /// transaction, so a config reload never re-routes what is queued.
    /// `migrating` hears of each schema migration before it runs.
    public init(path: String, durability: Synchronous = .normal, backgroundCheckpoints: Bool = false,
                logLimit: Int64 = SQLiteLeadStore.logLimit, logRestart: Int64 = SQLiteLeadStore.logRestart,
                migrating: (@Sendable (MigrationStep) -> Void)? = nil, routing: @escaping NotificationRouter) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreFileError(path: path, reason: .missingDirectory)
        }

        var configuration = Configuration()
        configuration.label = "followupd.store"
        configuration.foreignKeysEnabled = true
        // Readers and the writer may meet another process (followupctl, a backup) holding a lock.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)")
            // Deleted and rewritten content is zeroed on the page, not left in free
            // space: an erased lead's email must not survive in the file (lead erase).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !db.configuration.readonly {
                // The writer walks the leads' indexes for every event: give it room (20 MB) to keep them hot.
                try db.execute(sql: "PRAGMA cache_size = -20000")
                // A checkpoint on the writer stalls the commit that triggers it (it fsyncs the
                // database file: ~100 ms measured). With background checkpoints the writer
                // only does it when the log is very large, as a safety net.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(backgroundCheckpoints ? Self.writerCheckpointFrames : 10_000)")
                // Nor does it shrink the log: the first commit after the log restarts
                // truncates a file grown past the limit, and under sustained ingest that
                // was every ~8 s, ~140 ms of ftruncate while every event and timer
                // waited (fire lag p99 174 ms at 5,000 events/s). The daemon empties
                // the log once writes pause instead (``compactLog()``).
                try db.execute(sql: "PRAGMA journal_size_limit = \(backgroundCheckpoints ? -1 : logLimit)")
            }
        }

        Self.createPrivately(path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.prepare(pool, path: path, migrating: migrating)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreFileError(path: path, reason: .notADatabase)
        }
        self.path = path
        self.logLimit = logLimit
        self.logRestart = logRestart
        self.pool = pool
        // A frame of the log holds one page: its length in bytes is frames × this.
        self.pageSize = try pool.read { try Int64.fetchOne($0, sql: "PRAGMA page_size") } ?? 4_096
        // Its own connection, so a checkpoint never waits for (or blocks) the writer.
        var checkpointing = Configuration()
        checkpointing.label = "followupd.checkpoint"
        checkpointing.busyMode = .timeout(5)
        self.checkpointer = backgroundCheckpoints ? try DatabaseQueue(path: path, configuration: checkpointing) : nil
        self.receivers = routing
        self.cache = Mutex(try pool.read(StoreCache.load))
    }

    /// Copies the write-ahead log into the database without blocking the writer
    /// (a PASSIVE checkpoint on a connection of its own). Does nothing unless
    /// the store was opened with `backgroundCheckpoints`, or when another
    /// connection's checkpoint is running (SQLite answers BUSY at once then):
    /// that one copies the log, and the next call after a write tries again.
    /// Under sustained ingest the daemon logged that BUSY as a warning about
    /// every 8 s, a fault that was none.
    ///
    /// Once the log is ``logRestart`` long, it is also made to start again
    /// from its beginning. Under sustained ingest the writer appends while
    /// every background checkpoint runs, so the log was never copied whole
    /// and never restarted: it grew to the writer's safety net, whose
    /// checkpoint then ran inside a commit, copied what the last background
    /// one had not (up to half a second of writes) and synced the database
    /// file: 90–145 ms in which no event was applied and no timer fired,
    /// every ~3.5 s at 19,000 events/s.
    public func checkpoint() async throws {
        guard let checkpointer else { return }
        do {
            let frames = try await checkpointer.writeWithoutTransaction { db in
                let frames = try db.checkpoint(.passive)
                // SQLite syncs the database file only when a checkpoint reaches the end of
                // the log, which under sustained ingest is the restart's (below): synced here,
                // a little at a time beside the writer, the restart has only its own pages left.
                // One that did reach the end (all frames copied, now or before) was synced by
                // SQLite already: a second sync would flush a file with nothing dirty.
                let copied = frames.checkpointedFrameCount
                if copied > 0 && copied < frames.walFrameCount { try Self.syncFile(db) }
                return frames.walFrameCount
            }
            if Int64(frames) * pageSize >= logRestart {
                try await restartLog(checkpointer)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return
        }
    }

    /// Copies the rest of the log while no commit can append to it, so the
    /// next commit writes the log from its start; the writer waits for as
    /// little of it as can be done beside it.
    ///
    /// A background checkpoint that the writer outran copies pages into the
    /// database file and SQLite leaves them unsynced, so the writer's
    /// checkpoint, the one that reaches the end of the log, waited for seconds
    /// of them to reach the disk (its `fdatasync` took 69–77 ms under strace).
    /// Each background checkpoint now syncs what it copied (``checkpoint()``);
    /// here one more pass copies what the writer appended meanwhile and syncs
    /// it, then the writer's own connection, between two transactions, copies
    /// the last few milliseconds' frames and syncs those.
    private func restartLog(_ checkpointer: DatabaseQueue) async throws {
        try await checkpointer.writeWithoutTransaction { db in
            _ = try db.checkpoint(.passive)
            try Self.syncFile(db)
        }
        try await pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.passive)
        }
    }

    /// Syncs the database file through the connection's own file handle
    /// (SQLite's `xSync`, as its checkpoints do), not a descriptor of our
    /// own: closing any descriptor of the file would drop every POSIX lock
    /// SQLite holds on it in this process (see ``StoreLock``).
    private static func syncFile(_ db: Database) throws {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let found = withUnsafeMutablePointer(to: &file) {
            sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, $0)
        }
        guard found == SQLITE_OK, let file, let sync = file.pointee.pMethods?.pointee.xSync else { return }
        let result = sync(file, SQLITE_SYNC_NORMAL)
        guard result == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: result)) }
    }

    /// The write-ahead log's size on disk, in bytes (0 when there is none).
    public var logSize: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Empties the write-ahead log (a TRUNCATE checkpoint on the background
    /// connection) when it grew past ``logLimit``: the daemon calls this once
    /// writes have paused. The truncation holds writers off for its length
    /// (~140 ms for a large log on ext4), so it waits for a writer or a reader
    /// of an older snapshot (a backup) at most 200 ms, then gives up until the
    /// next pause.
    public func compactLog() async throws {
        guard let checkpointer, logSize > logLimit else { return }
        do {
            try await checkpointer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 200")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = 5000") }
                _ = try db.checkpoint(.truncate)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return
        }
    }

    /// Shuts the store down cleanly: copies the whole write-ahead log into the
    /// database and empties it (a TRUNCATE checkpoint), then closes every
    /// connection. The next start opens a short log. Use nothing after this.
    public func close() async throws {
        try await pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
        try checkpointer?.close()
        try pool.close()
    }

    /// Adds the rule files' roster to the team at start-up: new reps join the
    /// roster; known reps get the files' details but keep their availability
    /// and roster position. Nothing goes to the event log: the files are not events.
    public func seedRoster(_ reps: [Rep]) async throws {
        try await transaction { _, cache in
            for rep in reps { cache.team.upsert(rep) }
        }
    }

    /// Creates a missing database file empty with mode 0600 (SQLite takes an
    /// empty file for a new database), whatever the umask: it holds leads'
    /// names, emails and phones. SQLite gives the `-wal` and `-shm` files
    /// the database file's mode. Under the shipped unit `UMask=0077` does the
    /// same; run from a shell with umask 022, the files were 0644, readable
    /// by every user (issue 11).
    static func createPrivately(_ path: String) {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Runs `work` in one write transaction with the committed cache; writes
    /// what it changed in the cache, commits, and only then publishes the new
    /// cache. Runs on GRDB's writer queue, so transactions (and cache updates)
    /// never interleave.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (Database, inout StoreCache) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            let before = self.cache.withLock { $0 }
            var after = before
            var result: T?
            try db.inTransaction(.immediate) {
                result = try work(db, &after)
                try after.tallies.write(db)
                after.tallies = TallyDelta()
                try after.write(changesSince: before, db)
                return .commit
            }
            // Transaction-scoped: never published, so every transaction starts without one.
            after.timerFloor = nil
            after.generation &+= 1
            self.cache.withLock { $0 = after }
            return result!
        }
    }

    /// The committed cache (reads never wait for a transaction).
    var committed: StoreCache { cache.withLock { $0 } }
}
