import FollowUpTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl backup FILE` against the real daemon while it takes events
/// (issue 15): the copy is a whole SQLite file that holds the leads, an
/// existing file is never overwritten without `--force`, and the documented
/// restore (stop, copy back, start) brings the leads back.
@Suite(.serialized) struct BackupTests {
    static func capture(_ id: String) -> String {
        #"{"type":"lead.captured","lead":{"id":"\#(id)","source":"web_form","email":"\#(id)@lead.test","owner":"alice"}}"#
    }

    /// `sqlite3 FILE SQL`, its output trimmed.
    static func sqlite(_ file: String, _ sql: String) throws -> String {
        let run = try Subprocess.run("/usr/bin/sqlite3", [file, sql], directory: nil, timeout: 30)
        #expect(run.status == 0, "sqlite3: \(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aBackupTakenWhileEventsArriveOpensAndHoldsTheLeads() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        func ctl(_ arguments: String...) throws -> Subprocess {
            try Subprocess.run(Subprocess.followupctl, arguments + ["--socket", daemon.socket], directory: daemon.directory.path, timeout: 120)
        }
        #expect(try daemon.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales"}}"#).status == 200)
        for i in 0..<200 { #expect(try daemon.post("/v1/events", Self.capture("B\(i)")).status == 200) }

        // A writer goes on posting captures while the backup is taken.
        let acknowledged = Mutex(0)
        let stop = Atomic(false)
        let writer = Thread {
            var i = 0
            while !stop.load(ordering: .relaxed) {
                guard let r = try? daemon.post("/v1/events", Self.capture("W\(i)")), r.status == 200 else { return }
                acknowledged.withLock { $0 += 1 }
                i += 1
            }
        }
        writer.start()
        while acknowledged.withLock({ $0 }) < 20 { usleep(5_000) }
        let file = daemon.directory.appendingPathComponent("copy.sqlite").path
        let backup = try ctl("backup", file)
        let duringBackup = acknowledged.withLock { $0 }
        while acknowledged.withLock({ $0 }) < duringBackup + 20 { usleep(5_000) }
        stop.store(true, ordering: .relaxed)
        usleep(100_000)

        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try Self.sqlite(file, "PRAGMA integrity_check") == "ok")
        let leads = Int(try Self.sqlite(file, "SELECT COUNT(*) FROM leads")) ?? -1
        let written = Int(try Self.sqlite(file, "SELECT COUNT(*) FROM leads WHERE id LIKE 'W%'")) ?? -1
        #expect(leads >= 220, "the copy holds \(leads) leads")
        #expect(written >= 20 && written <= acknowledged.withLock { $0 }, "\(written) of the writer's leads")
        #expect(backup.stdout.hasPrefix("backup \(file): \(leads) leads, "), "\(backup.stdout)")
        #expect(backup.stdout.contains("schema v"), "\(backup.stdout)")
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600, "the copy holds personal data: mode \(String(mode ?? 0, radix: 8))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.directory.path).allSatisfy { !$0.contains("partial") && !$0.contains(".backup-") })

        // An existing file is kept unless --force.
        let again = try ctl("backup", file)
        #expect(again.status == 1)
        #expect(again.stderr.contains("\(file) exists; add --force to replace it"), "\(again.stderr)")
        #expect(Int(try Self.sqlite(file, "SELECT COUNT(*) FROM leads")) == leads)
        let forced = try ctl("backup", file, "--force", "--output", "json")
        #expect(forced.status == 0, "\(forced.stderr)")
        let after = Int(try Self.sqlite(file, "SELECT COUNT(*) FROM leads")) ?? -1
        #expect(after > leads, "the forced copy holds \(after) leads")
        // --output json, as on every command that prints: what was written, for scripts.
        #expect(forced.stdout.hasPrefix(#"{"file":"\#(file)","leads":\#(after),"events":"#), "\(forced.stdout)")

        // Restore as docs/operations.md says: stop, copy back, start.
        #expect(daemon.signal(SIGTERM) == 0)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: daemon.database + suffix) }
        try FileManager.default.copyItem(atPath: file, toPath: daemon.database)
        try daemon.start()
        #expect(try daemon.get("/v1/leads/B0").status == 200)
        let status = try daemon.get("/v1/status")
        #expect(status.body.contains(#""open_leads":\#(after)"#), "\(status.body)")
    }

    /// A failure to reach the daemon writes nothing, not an empty FILE.
    @Test func aFailedBackupLeavesNoFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("copy.sqlite").path
        let run = try Subprocess.run(Subprocess.followupctl, ["backup", file, "--socket", directory.appendingPathComponent("none.sock").path],
                                     directory: directory.path, timeout: 60)
        #expect(run.status == 1)
        #expect(run.stderr.contains("is it running?"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
