import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's log in a real journal (systemd-journald, started by the test
/// when none runs), with the structured fields admins filter on.
@Suite(.serialized) struct JournalTests {
    @Test func debugRecordsCarryLeadRepAndNotificationFields() throws {
        let journal = try Journald.ensureRunning()
        let daemon = try DaemonProcess(clockStart: "2026-11-24T19:59:00Z") { d in
            d.stderrIsJournal = true
            d.arguments = ["--log-level", "debug"]
        }
        let lead = "J\(UInt32.random(in: 1_000_000...9_999_999))"
        let capture = #"{"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"\#(lead)","source":"web_form","email":"x@y.test","owner":"alice"}}"#
        #expect(try daemon.post("/v1/events", capture).status == 200)
        try daemon.advance(to: "2026-11-24T20:05:00Z")  // the deadline fires: sla.breached and a hand-off
        let pid = try #require(daemon.pid)

        let entries = try journal.entries(matching: ["LEAD_ID=\(lead)", "_PID=\(pid)"], atLeast: 1)
        let breach = try #require(entries.first { ($0["NOTIFICATION_ID"] as? String)?.contains(":sla.breached:") == true },
                                  "\(entries)")
        #expect(breach["SYSLOG_IDENTIFIER"] as? String == "followupd")
        #expect(breach["PRIORITY"] as? String == "7")
        #expect(breach["REP_ID"] as? String != nil)
        #expect((breach["MESSAGE"] as? String)?.contains("sla.breached") == true)
        #expect(breach["CODE_FILE"] as? String != nil)
        // Nothing of it went to stderr as text: the journal has it.
        #expect(!daemon.stderr.contains("sla.breached"), "\(daemon.stderr)")
        // Info records reach the journal too (the start-up line).
        let startup = try journal.entries(matching: ["SYSLOG_IDENTIFIER=followupd", "_PID=\(pid)", "PRIORITY=6"], atLeast: 1)
        #expect(startup.contains { ($0["MESSAGE"] as? String)?.hasPrefix("ready:") == true }, "\(startup)")
    }
}

/// A systemd-journald to log to and read from: the machine's, or one this
/// test process starts (the daemon needs only its socket; journalctl reads
/// the files it writes under /run/log/journal).
final class Journald: @unchecked Sendable {
    static let socket = "/run/systemd/journal/socket"
    nonisolated(unsafe) private static var started: Process?
    private static let lock = NSLock()

    static func ensureRunning() throws -> Journald {
        lock.lock()
        defer { lock.unlock() }
        if accepts() { return Journald() }
        let binary = ["/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else { throw NotifySocketError("systemd-journald is not installed (scripts/bootstrap installs systemd)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        started = p
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if accepts() { return Journald() }
            usleep(50_000)
        }
        throw NotifySocketError("systemd-journald did not open \(socket) within 10 s")
    }

    /// Whether a journal listens on the socket (a datagram that is accepted).
    private static func accepts() -> Bool {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return UnixSocketAddress.with(socket) { connect(fd, $0, $1) } == 0
    }

    /// Entries matching every `FIELD=value`, as journalctl's JSON, waiting up to 10 s for `atLeast` of them.
    func entries(matching matches: [String], atLeast: Int) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(10)
        var found: [[String: Any]] = []
        while Date() < deadline {
            let result = try Subprocess.run("/usr/bin/env", ["journalctl", "--no-pager", "-o", "json"] + matches,
                                            directory: nil)
            found = result.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            if found.count >= atLeast { return found }
            usleep(100_000)
        }
        return found
    }
}
