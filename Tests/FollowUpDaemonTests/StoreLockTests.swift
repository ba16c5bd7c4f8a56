import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One database, one daemon: a second `followupd` on the same SQLite file
/// (listening elsewhere) once started and sent every notification a second
/// time. It must refuse, naming the file and the pid that holds it.
@Suite(.serialized) struct StoreLockTests {
    static let start = "2026-11-24T15:00:00Z"

    /// Runs a second daemon on `daemon`'s config and database, listening on its own socket.
    static func second(beside daemon: DaemonProcess) throws -> Subprocess {
        let socket = daemon.directory.appendingPathComponent("second.sock").path
        return try Subprocess.run(DaemonProcess.binary, ["--config", daemon.configPath, "--listen", "unix:\(socket)"],
                                  directory: daemon.directory.path, timeout: 15)
    }

    @Test func aSecondDaemonOnTheSameDatabaseRefusesNamingThePathAndThePid() throws {
        let daemon = try DaemonProcess(clockStart: Self.start)
        let first = try #require(daemon.pid)
        let second = try Self.second(beside: daemon)
        #expect(second.status != 0 && second.status != SIGKILL, "the second daemon ran (status \(second.status)): \(second.stderr)")
        #expect(second.stderr.contains(daemon.database), "\(second.stderr)")
        #expect(second.stderr.contains("pid \(first)"), "\(second.stderr)")
        #expect(try daemon.get("/healthz").status == 200, "the first daemon must run on")
        #expect(daemon.signal(SIGTERM) == 0)
        // Stopped, it let go: the next one starts.
        try daemon.start()
        #expect(try daemon.get("/healthz").status == 200)
        #expect(daemon.signal(SIGTERM) == 0)
    }

    /// kill -9 leaves the lock file (with the dead pid in it) behind; the
    /// kernel dropped the lock itself, so a restart is not blocked.
    @Test func aLockFileLeftByKillMinus9DoesNotBlockARestart() throws {
        let daemon = try DaemonProcess(clockStart: Self.start)
        let lockFile = daemon.database + ".lock"
        #expect(FileManager.default.fileExists(atPath: lockFile))
        #expect(daemon.signal(SIGKILL) != nil)
        #expect(FileManager.default.fileExists(atPath: lockFile), "the stale file stays: the test is about it")
        try daemon.start()
        let holder = try String(contentsOfFile: lockFile, encoding: .utf8)
        #expect(holder.contains("\(try #require(daemon.pid))"), "the lock file names the new holder: \(holder)")
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
