import FollowUpTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// systemd's watchdog while the daemon is busy (issue 11: "sustained ingest
/// can starve the watchdog"): with `WATCHDOG_USEC=1s` the daemon must ping at
/// least once a second while clients post without pause and while a backlog
/// of timers fires, or systemd would kill a daemon that is working.
@Suite(.serialized) struct WatchdogUnderLoadTests {
    /// The longest gap between two pings from `start` to `end`.
    static func longestGap(_ notify: NotifySocket, from start: Date, to end: Date) -> Double {
        let pings = notify.messages.filter { $0.fields["WATCHDOG"] == "1" }.map(\.at)
        let inside = [start] + pings.filter { $0 > start && $0 < end } + [end]
        return zip(inside, inside.dropFirst()).map { $1.timeIntervalSince($0) }.max() ?? 0
    }

    static func start() throws -> (DaemonProcess, NotifySocket) {
        var notify: NotifySocket?
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z") { d in
            let socket = try NotifySocket(directory: d.directory)
            notify = socket
            d.environment["NOTIFY_SOCKET"] = socket.path
            d.environment["WATCHDOG_USEC"] = "1000000"
        }
        try notify!.wait("READY=1") { $0.fields["READY"] == "1" }
        #expect(try daemon.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"alice","team":"sales"}}"#).status == 200)
        return (daemon, notify!)
    }

    static func captures(_ prefix: String, _ range: Range<Int>) -> String {
        "[" + range.map { #"{"type":"lead.captured","lead":{"id":"\#(prefix)\#($0)","source":"web_form","email":"l\#($0)@x.test","phone":"+1 555 0100","owner":"alice"}}"# }
            .joined(separator: ",") + "]"
    }

    @Test func pingsGoOnWhileClientsPostWithoutPause() throws {
        let (daemon, notify) = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        let clients = 8, seconds = 6.0
        let committed = Atomic<Int>(0)
        let began = Date()
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            var batch = 0
            while Date().timeIntervalSince(began) < seconds {
                let body = Self.captures("C\(client)-\(batch)-", 0..<1_000)
                if (try? daemon.post("/v1/events", body).status) == 200 { committed.add(1, ordering: .relaxed) }
                batch += 1
            }
        }
        let end = Date()
        let gap = Self.longestGap(notify, from: began.addingTimeInterval(0.5), to: end)
        print("watchdog under ingest: \(committed.load(ordering: .relaxed)) batches of 1,000 in \(seconds) s from \(clients) clients; longest gap between pings \(String(format: "%.2f", gap)) s")
        #expect(committed.load(ordering: .relaxed) >= clients, "the clients got nothing through")
        #expect(gap < 1.0, "no ping for \(gap) s under sustained ingest: systemd (WATCHDOG_USEC=1s) would have killed the daemon")
    }

    @Test func pingsGoOnWhileABacklogOfTimersFires() throws {
        let (daemon, notify) = try Self.start()
        defer { _ = daemon.signal(SIGTERM) }
        // 8,000 leads: timers fire 64 per transaction, and 3,000 leads' backlog took under a second.
        for page in 0..<40 {
            #expect(try daemon.post("/v1/events", Self.captures("T\(page)-", 0..<200)).status == 200)
        }
        // Two weeks at once: every lead's breaches, escalations and reminders come due together.
        let began = Date()
        try daemon.advance(to: "2026-12-08T15:00:00Z")
        let end = Date()
        let gap = Self.longestGap(notify, from: began.addingTimeInterval(0.5), to: end)
        print("watchdog under a timer backlog: fired in \(String(format: "%.1f", end.timeIntervalSince(began))) s; longest gap between pings \(String(format: "%.2f", gap)) s")
        #expect(end.timeIntervalSince(began) > 1.0, "the backlog was too small to tell")
        #expect(gap < 1.0, "no ping for \(gap) s while timers fired: systemd (WATCHDOG_USEC=1s) would have killed the daemon")
    }
}
