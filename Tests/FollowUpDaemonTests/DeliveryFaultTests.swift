import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Faults around delivery, against the real daemon and a real webhook relay
/// that logs every request by notification id: a kill -9 in the middle of a
/// large round, a database that refuses the write of a round's results.
@Suite(.serialized) struct DeliveryFaultTests {
    /// How many times each notification id reached the relay.
    static func arrivals(_ log: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in RelayProcess.lines(log) {
            for id in line["ids"] as? [String] ?? [] { counts[id, default: 0] += 1 }
        }
        return counts
    }

    /// The end-to-end tests' relay receiver with 8 requests in flight (not 32), so the bound is tight.
    static func receivers(port: Int, secret: String, extra: String = "") -> String {
        NotifyEndToEndTests.webhookReceivers(port: port, secret: secret, extra: extra)
            .replacingOccurrences(of: "    batch: 1\n", with: "    batch: 1\n    in_flight: 8\n")
    }

    /// 1,200 notifications, one round of 512 under way, kill -9: after the
    /// restart only what was in flight is sent again (8 requests on the wire
    /// and at most 8 answers not yet committed), not the rest of the round.
    @Test func aKillResendsOnlyWhatWasInFlight() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, delay: 0.01)
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: Self.receivers(port: relay.port, secret: secret), directory: dir)
        let total = 1_200
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(total)).status == 200)
        #expect(RelayProcess.waitUntil(20) { RelayProcess.lines(log).count >= 200 }, "\(daemon.stderr)")
        #expect(daemon.signal(SIGKILL) != nil)
        let beforeKill = Self.arrivals(log).count
        #expect(beforeKill < 512, "the kill came after the first round: \(beforeKill)")
        try daemon.start()
        #expect(RelayProcess.waitUntil(60) { Self.arrivals(log).count >= total }, "\(Self.arrivals(log).count) of \(total)")
        usleep(1_000_000)
        let arrivals = Self.arrivals(log)
        let duplicates = arrivals.values.reduce(0) { $0 + $1 - 1 }
        #expect(arrivals.count == total)
        #expect(duplicates <= 16, "\(duplicates) notifications sent twice after one kill (in flight: at most 16)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// Another process holds the database's write lock past the busy timeout
    /// (5 s) while five answers come back: the writes of the results fail,
    /// the lane logs it and writes again once the lock is free; the relay
    /// sees each notification once.
    @Test func aFailedWriteOfResultsRetriesTheWriteNotTheSends() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, delay: 2)
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: Self.receivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(5)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 5 }, "\(daemon.stderr)")
        // The answers are 2 s away; the lock is held for 8 s.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(8)
            db.execute("ROLLBACK")
            """, daemon.database]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        #expect(String(decoding: out.fileHandleForReading.readData(ofLength: 6), as: UTF8.self) == "locked")
        holder.waitUntilExit()
        let delivered = { (try? daemon.get("/v1/outbox?state=delivered&receiver=relay").body)?.components(separatedBy: "\"id\":").count ?? 1 }
        #expect(RelayProcess.waitUntil(15) { delivered() - 1 == 5 }, "\(daemon.stderr)")
        usleep(2_500_000)
        let arrivals = Self.arrivals(log)
        #expect(arrivals.count == 5 && arrivals.values.allSatisfy { $0 == 1 }, "sent again: \(arrivals)")
        // The first answer's write is under way when the lock is taken; the others wait for the next
        // write (results are committed beside the sends, so how they group depends on timing).
        #expect(daemon.stderr.contains("cannot record ") && daemon.stderr.contains("(not sending them again)")
                && daemon.stderr.contains("failed writes"), "\(daemon.stderr)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// The relay is down for 16 s with `retry: base 2s`: the notifications
    /// wait on retries at about 2, 6 and 14 s, the next one near 30 s. When the
    /// relay is back, a probe (every second here) finds it and the backlog goes
    /// out at once, not at the next retry; no notification was tried more
    /// often than the schedule allows (plus the release).
    @Test func aRelayThatComesBackIsNoticedAndTheBacklogReleased() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let port = try freePort()
        let receivers = Self.receivers(port: port, secret: secret)
            .replacingOccurrences(of: "  base: 1s\n  cap: 4s", with: "  base: 2s\n  cap: 60s\n  probe: 1s")
        #expect(receivers.contains("probe: 1s"))
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(20)).status == 200)
        usleep(16_000_000)
        let pending = try daemon.get("/v1/outbox?state=pending&receiver=relay").json["notifications"] as? [[String: Any]] ?? []
        #expect(pending.count == 20, "\(daemon.stderr)")
        // A refused connection says so, with balanced brackets.
        let error = pending.first?["last_error"] as? String ?? ""
        #expect(error.contains("connection refused"), "\(error)")
        #expect(error.filter { "([{".contains($0) }.count == error.filter { ")]}".contains($0) }.count, "\(error)")
        let back = Date()
        let relay = try RelayProcess.webhook(port: port, secretFile: secret, log: log)
        #expect(RelayProcess.waitUntil(30) { Self.arrivals(log).count >= 20 }, "\(daemon.stderr)")
        let waited = Date().timeIntervalSince(back)
        #expect(waited < 5, "the backlog waited \(waited) s after the relay came back")
        usleep(1_000_000)
        #expect(Self.arrivals(log).values.allSatisfy { $0 == 1 })
        let delivered = try daemon.get("/v1/outbox?state=delivered&receiver=relay").json["notifications"] as? [[String: Any]] ?? []
        let attempts = delivered.compactMap { $0["attempts"] as? Int }
        // Scheduled attempts at 0, ~2, ~6, ~14 s, then the delivery: 5, and a sixth if jitter brought one more before 16 s.
        #expect(attempts.count == 20 && attempts.allSatisfy { $0 <= 6 }, "\(attempts)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }
}
