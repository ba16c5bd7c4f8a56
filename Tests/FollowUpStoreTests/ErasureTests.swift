import Foundation
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpTestSupport

/// Erasing a lead on a real SQLite file while someone else reads it.
@Suite struct ErasureTests {
    /// A reader that keeps its snapshot of the write-ahead log past the busy
    /// timeout (a long backup, an admin's sqlite3 shell) stops the log from
    /// being emptied; the erasure is committed all the same and says so with
    /// `logEmptied` false. It was a thrown SQLITE_BUSY: the API answered 500
    /// for an erase that had happened (seen in a loaded full test run).
    @Test func anEraseWhileAReaderHoldsTheLogIsCommittedAndSaysTheLogWaits() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        let store = try SQLiteLeadStore(path: path, receivers: testReceivers)
        let timeline = StoreTimeline(store: store, rules: DefaultRules.make())
        _ = try await timeline.apply([upsert("2026-11-24T19:00:00Z", "alice"),
                                      capture("2026-11-24T20:00:00Z", "L1", owner: "alice")])

        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        reader.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN")
            c.execute("SELECT count(*) FROM leads").fetchall()
            print("reading", flush=True)
            time.sleep(30)
            """, path]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        // SIGKILL: the test runner's blocked signals are inherited, so SIGTERM may wait out the sleep.
        defer { kill(reader.processIdentifier, SIGKILL); reader.waitUntilExit() }
        let first = out.fileHandleForReading.availableData
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("reading"))

        let erasure = try #require(try await store.erase("L1", at: at("2026-11-24T20:10:00Z")))
        #expect(erasure.logEmptied == false)
        #expect(try await store.isErased("L1"))
        #expect(try await store.lead("L1")?.state.profile.email == nil)
    }
}
