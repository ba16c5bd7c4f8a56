import FollowUpTestSupport
import Foundation
import Testing

/// The plain-`http://` webhook client (a keep-alive pool on SwiftNIO, not
/// AsyncHTTPClient) against the real relay: what a relay does to connections
/// and slow or odd answers must come out as the receiver's rules say.
@Suite(.serialized) struct WebhookConnectionTests {
    /// Leads `from`…`to` captured for alice (the rep is upserted again, which changes nothing).
    static func leads(_ ids: ClosedRange<Int>) -> String {
        let rep = #"{"type":"rep.upserted","rep":{"id":"alice","email":"alice@example.com","team":"sales"}}"#
        let leads = ids.map { #"{"type":"lead.captured","lead":{"id":"L\#($0)","source":"web_form","email":"l\#($0)@x.test","owner":"alice"}}"# }
        return "[" + ([rep] + leads).joined(separator: ",") + "]"
    }

    /// The relay closes connections idle for 0.3 s (as relays and proxies
    /// do). Notifications sent after that go out on fresh connections: each
    /// arrives once, and none is counted as a failed attempt.
    @Test func aRelayThatClosesIdleConnectionsGetsEachOnceWithoutAFailure() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, idleClose: 0.3)
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: NotifyEndToEndTests.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(1...4)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 4 }, "\(daemon.stderr)")
        usleep(1_000_000)
        #expect(try daemon.post("/v1/events", Self.leads(5...8)).status == 200)
        #expect(RelayProcess.waitUntil(10) { RelayProcess.lines(log).count >= 8 }, "\(daemon.stderr)")
        usleep(500_000)
        let arrivals = DeliveryFaultTests.arrivals(log)
        #expect(arrivals.count == 8 && arrivals.values.allSatisfy { $0 == 1 }, "\(arrivals)")
        #expect(!daemon.stderr.contains("failed:"), "\(daemon.stderr)")
        let metrics = try daemon.get("/metrics").body
        #expect(!metrics.contains(#"outcome="retry""#), "\(metrics)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// A relay that answers after 3 s, with `timeout: 1s`: the attempt fails
    /// as "timed out" and is retried, not left hanging.
    @Test func aRelayThatDoesNotAnswerInTimeIsRetried() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, delay: 3)
        let receivers = NotifyEndToEndTests.webhookReceivers(port: relay.port, secret: secret)
            .replacingOccurrences(of: "timeout: 5s", with: "timeout: 1s")
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(1...1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { daemon.stderr.contains("timed out; retry at") }, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("POST http://127.0.0.1:\(relay.port)/hook: timed out"), "\(daemon.stderr)")
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }

    /// A redirect is not followed: the 302 is the relay's answer, a client
    /// error like any other, so the notification is a dead letter after one request.
    @Test func aRedirectIsNotFollowedButADeadLetter() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let log = dir.appendingPathComponent("relay.jsonl").path
        let relay = try RelayProcess.webhook(secretFile: secret, log: log, status: 302)
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1,
                                       receivers: NotifyEndToEndTests.webhookReceivers(port: relay.port, secret: secret), directory: dir)
        #expect(try daemon.post("/v1/events", Self.leads(1...1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { (try? daemon.get("/v1/outbox?state=dead").body.contains("302")) == true },
                "\(daemon.stderr)")
        usleep(1_000_000)
        #expect(RelayProcess.lines(log).count == 1)
        #expect(daemon.signal(SIGTERM) == 0)
        relay.stop()
    }
}
