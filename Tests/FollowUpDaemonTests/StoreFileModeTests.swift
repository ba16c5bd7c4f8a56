import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The database holds leads' names, emails and phones: its files are the
/// daemon's alone (0600) whatever the umask it was started with. The shipped
/// unit's `UMask=0077` did that under systemd only; from a shell with umask
/// 022 they were 0644, readable by every user (issue 11).
@Suite(.serialized) struct StoreFileModeTests {
    @Test func theDatabaseItsLogsAndItsLockAreTheDaemonsAloneUnderUmask022() throws {
        let before = umask(0o022)
        let daemon: DaemonProcess
        do {
            defer { umask(before) }
            daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        }
        let capture = #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana","email":"dana@acme.test"}}"#
        #expect(try daemon.post("/v1/events", capture).status == 200)
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let path = daemon.database + suffix
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
            #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
        }
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
