import Foundation
import Synchronization
import GRDB
import Testing
import FollowUpCore
@testable import FollowUpStore
import FollowUpTestSupport

/// The background checkpoint (``SQLiteLeadStore/checkpoint()``) on a real
/// file shared with other connections, as an admin's sqlite3 or a backup shares it.
@Suite struct CheckpointTests {
    /// Another connection's checkpoint holds SQLite's checkpoint lock (here a
    /// FULL one, waiting for a writer): the store's PASSIVE checkpoint is
    /// answered BUSY at once. That is no fault: it returns, and the log is
    /// copied by the other one. Before, the daemon logged it as a warning.
    @Test func aCheckpointRunningElsewhereIsNoError() async throws {
        let opened = try CheckpointedStore()
        defer { opened.dir.remove() }
        let (path, store, timeline) = (opened.path, opened.store, opened.timeline)
        _ = try await timeline.apply([upsert("2026-11-24T19:00:00Z", "alice"), capture("2026-11-24T20:00:00Z", "L1")])

        // A writer that holds its transaction across accesses, as a long one from another process would.
        // Both wait rather than fail: in the whole suite this test's tasks can wait
        // minutes for a thread (CI: 117 s), and a 10 s busy timeout ran out there.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        holding.busyMode = .timeout(300)
        let writer = try DatabaseQueue(path: path, configuration: holding)
        try await writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        var waiting = Configuration()
        waiting.busyMode = .timeout(300)
        let other = try DatabaseQueue(path: path, configuration: waiting)
        // Holds the checkpoint lock while it waits for the writer.
        let full = Task.detached { try await other.writeWithoutTransaction { db in _ = try db.checkpoint(.full) } }
        try await Task.sleep(for: .milliseconds(500))

        await #expect(throws: Never.self) { try await store.checkpoint() }

        try await writer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        try await full.value
        #expect(try await store.lead("L1") != nil)
    }

    /// With background checkpoints no commit shrinks the log (the first
    /// commit after the log restarts used to truncate a file past the limit:
    /// ~140 ms of ftruncate every ~8 s under sustained ingest, every event and
    /// timer waiting); ``SQLiteLeadStore/compactLog()`` empties it instead.
    @Test func aLogPastItsLimitIsEmptiedByCompactingNotByACommit() async throws {
        let limit: Int64 = 256 << 10
        let opened = try CheckpointedStore(logLimit: limit)
        defer { opened.dir.remove() }
        let (store, timeline) = (opened.store, opened.timeline)
        _ = try await timeline.apply([upsert("2026-11-24T19:00:00Z", "alice")]
            + (0..<400).map { capture("2026-11-24T20:00:00Z", LeadID("L\($0)"), owner: "alice") })
        #expect(store.logSize > 2 * limit, "the test needs a log well past its limit")
        // Everything copied, no reader: the next commit restarts the log from its start.
        try await store.checkpoint()
        _ = try await timeline.apply([capture("2026-11-24T20:01:00Z", "L-after", owner: "alice")])
        #expect(store.logSize > 2 * limit, "a commit truncated the log")

        try await store.compactLog()
        #expect(store.logSize == 0)
        _ = try await timeline.apply([capture("2026-11-24T20:02:00Z", "L-later", owner: "alice")])
        #expect(try await store.lead("L-later") != nil)
        #expect(try await store.lead("L399") != nil)

        // A small log is left alone: compacting holds writers off, and only a large log is worth it.
        let small = store.logSize
        #expect(small > 0 && small < limit)
        try await store.compactLog()
        #expect(store.logSize == small)
    }

    /// Under sustained writes the writer appends while every background
    /// checkpoint runs, so a checkpoint never found the whole log copied and
    /// the log never started again from its beginning: it grew until the
    /// writer's own checkpoint (100,000 frames) ran inside a commit, 90–145 ms
    /// of stalled ingest every few seconds. Past ``SQLiteLeadStore/logRestart``
    /// the background checkpoint now copies the rest with the writer held, and
    /// the log restarts: its file stays near that length however much is written.
    @Test func theLogRestartsWhileWritesGoOn() async throws {
        let restart: Int64 = 1 << 20
        let opened = try CheckpointedStore(logRestart: restart)
        defer { opened.dir.remove() }
        let (store, timeline) = (opened.store, opened.timeline)
        _ = try await timeline.apply([upsert("2026-11-24T19:00:00Z", "alice")])
        let batches = 60
        // Their own threads: in a full run the suites hold the cooperative pool, and
        // checkpoints that never ran beside the writes would prove nothing either way.
        try await withServerThreads {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let writing = StopFlag()
                group.addTask {
                    while !writing.isSet {
                        try await store.checkpoint()
                        try await Task.sleep(for: .milliseconds(10))
                    }
                }
                group.addTask {
                    defer { writing.set() }
                    for batch in 0..<batches {
                        _ = try await timeline.apply((0..<100).map {
                            capture("2026-11-24T20:00:00Z", LeadID("L\(batch)-\($0)"), owner: "alice")
                        })
                    }
                }
                try await group.waitForAll()
            }
        }
        let written = try await store.lead("L\(batches - 1)-99")
        #expect(written != nil)
        // Before, the log grew to the writer's safety net (412 MB here); restarting, it stays within
        // a few transactions past `restart` (5–14 MB measured; restarts race the writes, and a slow
        // disk's syncs make the checkpoints, and so the restarts, fewer).
        #expect(store.logSize < 64 * restart, "the log grew to \(store.logSize) bytes: it never restarted")
    }

    /// ``SQLiteLeadStore/logRestart`` is bytes of log, and a frame holds one
    /// page: frames are counted at the file's own page size. Counted at the
    /// default 4 KiB, a store created with 64 KiB pages (an admin's `sqlite3`
    /// may make one) restarted its log only at 16 times the threshold; in a
    /// debug build with a 4 MiB threshold the log grew to 292 MB, against
    /// 63–172 MB counted right (the rest is what the writer appends while a
    /// restart's pass copies and syncs 64 KiB pages).
    @Test func theLogIsMeasuredInTheFilesOwnPages() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let empty = try DatabaseQueue(path: path)
        try empty.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 65536")
            try db.execute(sql: "VACUUM")
        }
        try empty.close()
        let store = try SQLiteLeadStore(path: path, backgroundCheckpoints: true, receivers: testReceivers)
        #expect(store.pageSize == 65_536)
        let fresh = try SQLiteLeadStore(path: dir.path("fresh.sqlite"), backgroundCheckpoints: true, receivers: testReceivers)
        #expect(fresh.pageSize == 4_096)
    }

    /// The background checkpoint syncs the database file through SQLite's own
    /// file handle. Through a descriptor of its own, closing it dropped every
    /// POSIX lock SQLite held on the file in this process: another program's
    /// connection (an admin's sqlite3, a backup) then believed itself the
    /// last one, and on closing checkpointed and deleted the log the daemon
    /// was still writing to.
    @Test func anotherProgramClosingTheFileLeavesTheDaemonsLogInPlace() async throws {
        let opened = try CheckpointedStore()
        defer { opened.dir.remove() }
        let (path, store, timeline) = (opened.path, opened.store, opened.timeline)
        _ = try await timeline.apply([upsert("2026-11-24T19:00:00Z", "alice"), capture("2026-11-24T20:00:00Z", "L1")])
        try await store.checkpoint()
        _ = try await timeline.apply([capture("2026-11-24T20:01:00Z", "L2", owner: "alice")])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        let reader = try Subprocess.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            print(c.execute("SELECT count(*) FROM leads").fetchone()[0])
            c.close()
            """, path], directory: nil)
        #expect(reader.status == 0, "\(reader.stderr)")
        #expect(reader.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the other program deleted the daemon's log on closing")
        _ = try await timeline.apply([capture("2026-11-24T20:02:00Z", "L3", owner: "alice")])
        #expect(try await store.lead("L3") != nil)
    }
}

/// Set once, read from any task.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

/// A store opened as the daemon opens it (background checkpoints), in a
/// directory of its own, with the timeline that drives it; `dir.remove()` ends it.
private struct CheckpointedStore {
    let dir: TempDirectory
    let path: String
    let store: SQLiteLeadStore
    let timeline: StoreTimeline

    init(logLimit: Int64 = SQLiteLeadStore.logLimit, logRestart: Int64 = SQLiteLeadStore.logRestart) throws {
        dir = try TempDirectory()
        path = dir.path("state.sqlite")
        do {
            store = try SQLiteLeadStore(path: path, backgroundCheckpoints: true, logLimit: logLimit, logRestart: logRestart,
                                        receivers: testReceivers)
        } catch {
            dir.remove()
            throw error
        }
        timeline = StoreTimeline(store: store, rules: DefaultRules.make())
    }
}
